import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { METADATA_FILE, MODEL_FILE } from '../nlpjsRecognizer';

/**
 * A saved model as bytes: `model.nlp` and `metadata.json` exactly as written (the metadata may
 * carry keys beyond the schema, e.g. `metrics`). What the model registry stores and ships.
 */
export interface ModelFiles {
  model: string;
  /** The parsed `metadata.json`. */
  metadata: Record<string, unknown>;
}

/** Reads `model.nlp` and `metadata.json` from a model directory. */
export async function readModelFiles(dir: string): Promise<ModelFiles> {
  const [model, metadata] = await Promise.all([readFile(join(dir, MODEL_FILE), 'utf8'), readFile(join(dir, METADATA_FILE), 'utf8')]);
  return { model, metadata: JSON.parse(metadata) as Record<string, unknown> };
}

/** Writes a model directory (write-then-rename per file: a reader never sees half a file). */
export async function writeModelFiles(dir: string, files: ModelFiles): Promise<void> {
  await mkdir(dir, { recursive: true });
  const write = async (name: string, content: string) => {
    const tmp = join(dir, `${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    await writeFile(tmp, content);
    await rename(tmp, join(dir, name));
  };
  await write(MODEL_FILE, files.model);
  await write(METADATA_FILE, `${JSON.stringify(files.metadata, null, 2)}\n`);
}

/** Adds keys to a saved model's `metadata.json` (e.g. `metrics`), keeping the rest. */
export async function amendModelMetadata(dir: string, extra: Record<string, unknown>): Promise<Record<string, unknown>> {
  const files = await readModelFiles(dir);
  const metadata = { ...files.metadata, ...extra };
  const tmp = join(dir, `${METADATA_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(metadata, null, 2)}\n`);
  await rename(tmp, join(dir, METADATA_FILE));
  return metadata;
}
