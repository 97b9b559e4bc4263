import type { Recognizer } from '../../nlu/recognizer';
import type { OpsMetrics } from './opsMetrics';

/** The recognizer, with each classification's latency (and failures) in the metrics. */
export function timedRecognizer(inner: Recognizer, metrics: OpsMetrics): Recognizer {
  return {
    get modelVersion() {
      return inner.modelVersion;
    },
    async recognize(text, options) {
      const end = metrics.nluSeconds.startTimer();
      try {
        return await inner.recognize(text, options);
      } catch (err) {
        metrics.errors.inc({ type: 'nlu' });
        throw err;
      } finally {
        end();
      }
    },
  };
}
