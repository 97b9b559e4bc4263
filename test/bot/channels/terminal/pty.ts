import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A command in a real pseudo-terminal (a detached tmux session on a socket of its own, so
 * parallel runs never meet): type lines, read the screen as the terminal renders it.
 */
export class Pty {
  private readonly socket = `paw-test-${randomUUID().slice(0, 8)}`;

  private constructor(readonly width: number) {}

  /** Starts `command` (run by sh in `cwd`) in a terminal `width` columns wide. */
  static async start(command: string, o: { cwd: string; width: number; env?: Record<string, string> }): Promise<Pty> {
    const pty = new Pty(o.width);
    const env = Object.entries(o.env ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
    // `; sleep` keeps the pane after the command exits, so its last words can be read.
    await pty.tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(o.width), '-y', '50', `cd ${JSON.stringify(o.cwd)} && env ${env} ${command}; sleep 600`);
    await pty.tmux('set-option', '-g', 'history-limit', '5000');
    return pty;
  }

  private async tmux(...args: string[]): Promise<string> {
    return (await run('tmux', ['-L', this.socket, ...args])).stdout;
  }

  /** Types a line and Enter. */
  async type(line: string): Promise<void> {
    await this.tmux('send-keys', '-l', line);
    await this.tmux('send-keys', 'Enter');
  }

  /** Everything on the screen and in its scrollback, one string per row, trailing blanks dropped. */
  async screen(): Promise<string[]> {
    const text = await this.tmux('capture-pane', '-p', '-S', '-5000');
    return text.replace(/\s+$/, '').split('\n').map((l) => l.replace(/\s+$/, ''));
  }

  /** Waits until the screen matches, and returns it. */
  async waitFor(pattern: RegExp, ms = 30_000): Promise<string> {
    const end = Date.now() + ms;
    for (;;) {
      const text = (await this.screen()).join('\n');
      if (pattern.test(text)) return text;
      if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; the screen:\n${text}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** How many times the screen matches (e.g. prompts). */
  async count(pattern: RegExp): Promise<number> {
    return [...(await this.screen()).join('\n').matchAll(new RegExp(pattern.source, 'g'))].length;
  }

  /** Ends the session and its tmux server (only this test's socket). */
  close(): void {
    try {
      execFileSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}
