import type { Recognition, RecognizeOptions, Recognizer } from './recognizer';

/**
 * A {@link Recognizer} that delegates to a model that can be replaced while the bot runs (hot
 * reload). The swap is one reference assignment: a `recognize` call that already started
 * finishes on the model it started with; every call after the swap uses the new one.
 */
export class SwappableRecognizer implements Recognizer {
  constructor(private current: Recognizer) {}

  get modelVersion(): string {
    return this.current.modelVersion;
  }

  /** The model in use now. */
  get model(): Recognizer {
    return this.current;
  }

  recognize(text: string, options?: RecognizeOptions): Promise<Recognition> {
    const model = this.current;
    return model.recognize(text, options);
  }

  /** Serves `next` from now on. @returns the model it replaced */
  swap(next: Recognizer): Recognizer {
    const previous = this.current;
    this.current = next;
    return previous;
  }
}
