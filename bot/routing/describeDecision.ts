import type { Decision } from './decide';

/** One line for logs, the trainer page and the `nlu` CLI: "answer shipping.track", "clarify: a | b". */
export function describeDecision(d: Decision): string {
  switch (d.kind) {
    case 'answer':
      return `answer ${d.intent}`;
    case 'clarify':
      return `clarify: ${d.candidates.join(' | ')}`;
    case 'fallback':
      return 'fallback (not understood)';
    case 'handoff':
      return `handoff (${d.reason})`;
  }
}
