import assert from 'node:assert/strict';
import type { Recognition, Recognizer } from '../../nlu/recognizer';
import { SwappableRecognizer } from '../../nlu/swappableRecognizer';

/** A recognizer that answers `intent`, and holds each answer until released. */
class HeldRecognizer implements Recognizer {
  readonly pending: (() => void)[] = [];
  constructor(
    readonly modelVersion: string,
    private readonly intent: string,
  ) {}
  recognize(text: string): Promise<Recognition> {
    return new Promise((resolve) => this.pending.push(() => resolve({ text, intent: this.intent, score: 1, ranking: [{ intent: this.intent, score: 1 }], entities: [] })));
  }
}

describe('SwappableRecognizer', () => {
  it('finishes a message in flight on the model it started with; later ones use the new model', async () => {
    const old = new HeldRecognizer('v1', 'thanks');
    const next = new HeldRecognizer('v2', 'greeting');
    const r = new SwappableRecognizer(old);
    const inFlight = r.recognize('howdy');
    assert.equal(r.swap(next), old);
    assert.equal(r.modelVersion, 'v2');
    const after = r.recognize('howdy');
    old.pending.shift()!();
    next.pending.shift()!();
    assert.equal((await inFlight).intent, 'thanks');
    assert.equal((await after).intent, 'greeting');
    assert.equal(old.pending.length + next.pending.length, 0);
  });
});
