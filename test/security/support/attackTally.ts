import assert from 'node:assert/strict';

/** Attempts of one attack class over the whole run. */
interface Row {
  tried: number;
  failed: number;
}

const rows = new Map<string, Row>();

/**
 * One attack class as a test runs it: every attempt is counted (`tried`), every attempt the
 * product did not defend against is counted (`failed`) with what went wrong. The counts go to
 * the table printed after the run, whatever the test's outcome; {@link Attack.assertDefended}
 * then fails the test naming each undefended attempt.
 */
export class Attack {
  private readonly problems: string[] = [];
  private readonly row: Row;

  constructor(readonly name: string) {
    this.row = rows.get(name) ?? { tried: 0, failed: 0 };
    rows.set(name, this.row);
  }

  /** Counts one attempt; `defended` false (or a string saying what went wrong) counts it as failed. */
  check(defended: boolean, problem: string): boolean {
    this.row.tried += 1;
    if (!defended) {
      this.row.failed += 1;
      this.problems.push(problem);
    }
    return defended;
  }

  /** Counts `tried` attempts at once, `failed` of them undefended (described by `problem`). */
  count(tried: number, failed: number, problem: string): void {
    this.row.tried += tried;
    this.row.failed += failed;
    if (failed > 0) this.problems.push(problem);
  }

  /** Fails the test listing the first undefended attempts. */
  assertDefended(): void {
    assert.equal(this.problems.length, 0, `${this.name}: ${this.problems.length} attempt(s) not defended:\n  ${this.problems.slice(0, 15).join('\n  ')}`);
  }
}

/** The table (attack class | tried | failed) of everything the suite tried. */
export function attackTable(): string {
  const list = [...rows.entries()];
  const width = Math.max(12, ...list.map(([n]) => n.length));
  const line = (a: string, b: string, c: string) => `| ${a.padEnd(width)} | ${b.padStart(6)} | ${c.padStart(6)} |`;
  const total = list.reduce((t, [, r]) => ({ tried: t.tried + r.tried, failed: t.failed + r.failed }), { tried: 0, failed: 0 });
  return [
    line('attack class', 'tried', 'failed'),
    `|${'-'.repeat(width + 2)}|${'-'.repeat(8)}|${'-'.repeat(8)}|`,
    ...list.map(([n, r]) => line(n, String(r.tried), String(r.failed))),
    line(`total (${list.length} classes)`, String(total.tried), String(total.failed)),
  ].join('\n');
}

// A root hook: runs once after every test file of the run (this module is loaded once).
after(function () {
  if (rows.size) console.log(`\nSecurity suite: attacks tried and not defended\n${attackTable()}\n`);
});
