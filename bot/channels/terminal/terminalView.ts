import type { HandoffReason } from '../../handoff/handoffPacket';
import { wrapText } from './wrapText';

/** A button the bot offered. */
export interface Choice {
  title: string;
  value?: unknown;
}

/** What the terminal shows of one activity from the bot's side (local bot or a server's Direct Line). */
export interface ShownActivity {
  type: string;
  text?: string;
  /** Event name (`handoff.initiate`…). */
  name?: string;
  value?: unknown;
  suggestions: Choice[];
  /** Set when a person (an agent) wrote it, not the bot. */
  agent?: string;
}

/** One routing decision, for `--debug`. */
export interface DebugStep {
  intent: string;
  score: number;
  /** "answer shipping.track", "handoff (asked_for_agent)"… */
  decision: string;
}

export interface TerminalViewOptions {
  write: (text: string) => void;
  /** Columns to wrap at (the terminal's width). */
  width: () => number;
  /** ANSI colours (a terminal, not a pipe). */
  color: boolean;
  botName?: string;
}

const REASONS: Record<HandoffReason, string> = {
  asked_for_agent: 'you asked for a person',
  not_understood_twice: 'the bot did not understand twice',
  shipping_problem: 'a problem with a delivery',
  api_failure: 'a system did not answer',
};

/**
 * The terminal chat's screen and keyboard: bot messages wrapped at word boundaries, the buttons
 * of the *last* bot message numbered (a number picks one of those, and only those), events as
 * readable lines, and `--debug` lines.
 */
export class TerminalView {
  private choices: Choice[] = [];
  private withAgent?: string;

  constructor(private readonly o: TerminalViewOptions) {}

  private style(code: string, s: string): string {
    return this.o.color ? `\x1b[${code}m${s}\x1b[0m` : s;
  }
  private line(prefix: string, text: string, prefixWidth = prefix.length): void {
    this.o.write(`${prefix}${wrapText(text, this.o.width(), prefixWidth)}\n`);
  }

  /** Shows an activity; a message replaces the numbered buttons with its own (none if it has none). */
  show(a: ShownActivity): void {
    if (a.type === 'event') return this.event(a.name ?? '', a.value);
    if (a.type !== 'message') return;
    this.choices = a.suggestions;
    // Who writes changes at a handoff: say so on a line of its own.
    if (a.agent && a.agent !== this.withAgent) this.note(`${a.agent} joined: you are talking to a person now.`);
    else if (!a.agent && this.withAgent) this.note('The person left the chat: you are back with the bot.');
    this.withAgent = a.agent;
    const who = a.agent ?? this.o.botName ?? 'bot';
    if (a.text) this.line(`${this.style('1', `${who}>`)} `, a.text.replace(/\*\*/g, ''), who.length + 2);
    if (a.suggestions.length) this.buttons(a.suggestions.map((s, i) => `[${i + 1}] ${s.title}`), who.length + 2);
  }

  /** Buttons side by side, a button never split across lines. */
  private buttons(items: string[], indent: number): void {
    const room = Math.max(20, this.o.width() - indent);
    const lines: string[] = [];
    for (const item of items) {
      const last = lines.length ? lines[lines.length - 1]! : undefined;
      if (last !== undefined && last.length + 3 + item.length <= room) lines[lines.length - 1] = `${last}   ${item}`;
      else lines.push(item);
    }
    for (const l of lines) this.o.write(`${' '.repeat(indent)}${this.style('2', l.length > room ? wrapText(l, this.o.width(), indent) : l)}\n`);
  }

  /** A note of the terminal itself (not the bot). */
  note(text: string): void {
    this.line(this.style('2', '  ─ '), this.style('2', text), 4);
  }

  /** A `--debug` line: what the bot understood and what it decided. */
  debug(step: DebugStep | undefined): void {
    const text = step ? `intent ${step.intent}  score ${step.score.toFixed(3)}  → ${step.decision}` : 'not classified (an answer to the open dialog’s question)';
    this.line(this.style('36', '  [debug] '), this.style('36', text), 10);
  }

  /** The typed line as the bot should get it: a number picks a button of the last bot message. */
  pick(line: string): Choice {
    const text = line.trim();
    if (/^\d+$/.test(text) && this.choices.length) {
      // A button named by that number ("5 - Excellent" for "5") wins over position.
      const byName = this.choices.find((c) => c.title === text || c.title.startsWith(`${text} `));
      const byPosition = this.choices[Number(text) - 1];
      const chosen = byName ?? byPosition;
      if (chosen) return { title: chosen.title, value: chosen.value };
    }
    return { title: text };
  }

  private event(name: string, value: unknown): void {
    const v = (value ?? {}) as { reason?: HandoffReason; state?: string };
    if (name === 'handoff.initiate') this.note(`Handing this conversation to a person${v.reason ? ` (${REASONS[v.reason] ?? v.reason})` : ''}.`);
    else if (name === 'handoff.status') this.note(`Handoff: ${v.state ?? 'status changed'}.`);
    else if (name !== 'ContinueConversation') this.note(`event ${name}`);
  }
}
