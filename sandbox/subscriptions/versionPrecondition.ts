import type { Request } from 'express';
import { AppError, badRequest } from '../../platform/errors';

/** The strong ETag of a version: `"3"`. */
export const etag = (version: number) => `"${version}"`;

/**
 * The versions an `If-Match` header accepts: `"3"`, `3`, `W/"3"` or a comma list of them;
 * `undefined` when absent or `*` (any version). Anything else is a malformed header → 400.
 */
export function ifMatchVersions(req: Request): number[] | undefined {
  const raw = req.get('if-match');
  if (raw === undefined || raw.trim() === '*') return undefined;
  const versions = raw.split(',').map((part) => {
    const m = /^\s*(?:W\/)?(?:"(\d{1,15})"|(\d{1,15}))\s*$/.exec(part);
    if (!m) throw badRequest('If-Match must be the version you read, as its ETag ("3") or as a number (3).');
    return Number(m[1] ?? m[2]);
  });
  return versions;
}

/** 409 `version_conflict` unless `current` is one of the versions the client read. */
export function checkVersion(current: { id: string; version: number }, expected: number[] | undefined): AppError | undefined {
  if (!expected || expected.includes(current.version)) return undefined;
  return new AppError(
    409,
    'version_conflict',
    `Subscription ${current.id} was changed by someone else (it is now at version ${current.version}, you sent ${expected.join(', ')}); read it again and retry.`,
    { extensions: { currentVersion: current.version }, headers: { ETag: etag(current.version) } },
  );
}
