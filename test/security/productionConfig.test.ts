import { randomBytes } from 'node:crypto';
import { startProduct } from '../support/productProcess';
import { Attack } from './support/attackTally';
import { carrierSecrets, DEMO_VALUES, productionEnv } from './support/securityProducts';

/** What became of one start: it came up (and was stopped), or it exited with a code and said why. */
async function tryStart(env: Record<string, string>): Promise<{ started: boolean; code: number | null; output: string }> {
  try {
    const p = await startProduct(env);
    const output = p.output();
    await p.stop();
    return { started: true, code: null, output };
  } catch (err) {
    const m = /^the product exited with (\S+):\n([\s\S]*)$/.exec((err as Error).message);
    return { started: false, code: m ? Number(m[1]) : null, output: m?.[2] ?? (err as Error).message };
  }
}

/** Runs `jobs` at most `n` at a time (the machine has two cores). */
async function pool<T>(jobs: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

const short = () => randomBytes(31).toString('hex').slice(0, 31); // 31 bytes: one short of the minimum

interface Case {
  /** The one variable changed from the valid production environment. */
  variable: string;
  value: string | undefined;
  why: string;
}

/** Starts each case (one variable changed) and checks it is refused, naming the variable. */
async function refuses(attack: Attack, cases: Case[]): Promise<void> {
  const { env } = await productionEnv();
  const results = await pool(
    cases.map((c) => async () => {
      const changed = { ...env };
      if (c.value === undefined) delete changed[c.variable];
      else changed[c.variable] = c.value;
      // Unset in the child too (startProduct passes the test process's environment on).
      return { c, r: await tryStart(c.value === undefined ? { ...changed, [c.variable]: '' } : changed) };
    }),
    2,
  );
  for (const { c, r } of results) {
    const named = r.output.includes(c.variable);
    attack.check(!r.started && r.code !== null && r.code !== 0 && named, `${c.why}: ${r.started ? 'the server started' : `exit ${r.code}, output ${named ? 'names' : 'does not name'} ${c.variable}: ${r.output.slice(-300)}`}`);
  }
  attack.assertDefended();
}

describe('security: production refuses demo access and weak secrets', function () {
  this.timeout(300_000);

  it('refuses NODE_ENV=production with DEMO_MODE=true, the demo SANDBOX_TOKEN, the demo CARRIER_SECRETS (each carrier) and secrets shorter than 32 bytes', async () => {
    const { env } = await productionEnv();
    const carriers = Object.fromEntries(env.CARRIER_SECRETS!.split(',').map((p) => p.split(':') as [string, string]));
    const cases: Case[] = [
      { variable: 'DEMO_MODE', value: 'true', why: 'demo mode in production' },
      { variable: 'SANDBOX_TOKEN', value: DEMO_VALUES.SANDBOX_TOKEN, why: 'the demo sandbox token' },
      { variable: 'CARRIER_SECRETS', value: DEMO_VALUES.CARRIER_SECRETS, why: 'the demo carrier secrets' },
      ...Object.entries(DEMO_VALUES.carriers).map(([carrier, demo]) => ({
        variable: 'CARRIER_SECRETS',
        value: carrierSecrets({ ...carriers, [carrier]: demo }),
        why: `the demo ${carrier} webhook secret alone`,
      })),
      ...['CHAT_API_SECRET', 'SANDBOX_TOKEN', 'INTERNAL_API_TOKEN', 'ADMIN_TOKEN', 'METRICS_TOKEN'].map((variable) => ({ variable, value: short(), why: `${variable} of 31 bytes` })),
      { variable: 'CARRIER_SECRETS', value: carrierSecrets({ ...carriers, fedex: short() }), why: 'a carrier secret of 31 bytes' },
    ];
    await refuses(new Attack('production config: demo values, short secrets'), cases);
  });

  it('still refuses production without USERS_FILE, with the demo chat secrets, or a short token secret', async () => {
    await refuses(new Attack('production config: demo users, demo chat secrets'), [
      { variable: 'USERS_FILE', value: undefined, why: 'the demo users in production' },
      { variable: 'DIRECTLINE_TOKEN_SECRET', value: 'directline-demo-token-secret-change-me-0123456789', why: 'the demo token secret' },
      { variable: 'CHAT_API_SECRET', value: 'chat-api-demo-secret-change-me', why: 'the demo chat API secret' },
      { variable: 'DIRECTLINE_TOKEN_SECRET', value: short(), why: 'DIRECTLINE_TOKEN_SECRET of 31 bytes' },
    ]);
  });
});
