import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPassword } from '../../../platform/auth/passwords';
import { startProduct, type ProductProcess } from '../../support/productProcess';

/** A staff account of a product the suite started, with its password. */
export interface StaffAccount {
  username: string;
  password: string;
  roles: string[];
}

/** A production environment in which every secret is a fresh, long, non-demo value. */
export interface ProductionEnv {
  env: Record<string, string>;
  staff: Record<'sam' | 'riley' | 'tara' | 'ada', StaffAccount>;
}

/** The demo staff of `npm start` (README). */
export const DEMO_STAFF: ProductionEnv['staff'] = {
  sam: { username: 'sam', password: 'sam-demo-password', roles: ['agent'] },
  riley: { username: 'riley', password: 'riley-demo-password', roles: ['agent'] },
  tara: { username: 'tara', password: 'tara-demo-password', roles: ['trainer', 'agent'] },
  ada: { username: 'ada', password: 'ada-demo-password', roles: ['admin', 'trainer', 'agent'] },
};

/** The demo values production must refuse (`.env.example`, bin/config.ts). */
export const DEMO_VALUES = {
  SANDBOX_TOKEN: 'sandbox-demo-token-change-me',
  CARRIER_SECRETS: 'ups:ups-demo-webhook-secret,fedex:fedex-demo-webhook-secret,usps:usps-demo-webhook-secret',
  carriers: { ups: 'ups-demo-webhook-secret', fedex: 'fedex-demo-webhook-secret', usps: 'usps-demo-webhook-secret' },
};

const secret = () => randomBytes(32).toString('base64url'); // 43 characters
const dirs: string[] = [];
let production: Promise<ProductionEnv> | undefined;

/** `carrier:secret,…` from a record. */
export const carrierSecrets = (r: Record<string, string>) =>
  Object.entries(r)
    .map(([k, v]) => `${k}:${v}`)
    .join(',');

/**
 * A valid production environment (made once per run): NODE_ENV=production, a USERS_FILE with
 * four staff accounts (hashed as `npm run user:hash` does) and a non-demo value of at least 32
 * bytes for every secret. Refusal tests change exactly one variable of it.
 */
export function productionEnv(): Promise<ProductionEnv> {
  production ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paw-security-'));
    dirs.push(dir);
    const staff = Object.fromEntries(
      Object.entries(DEMO_STAFF).map(([name, a]) => [name, { ...a, password: `${name}-${randomBytes(12).toString('base64url')}` }]),
    ) as ProductionEnv['staff'];
    const users = await Promise.all(
      Object.values(staff).map(async (a) => ({
        username: a.username,
        displayName: `${a.username[0]!.toUpperCase()}${a.username.slice(1)} (Prod)`,
        roles: a.roles,
        passwordHash: await hashPassword(a.password),
        capacity: 3,
      })),
    );
    const usersFile = path.join(dir, 'users.json');
    writeFileSync(usersFile, JSON.stringify({ users }));
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DEMO_MODE: 'false',
      USERS_FILE: usersFile,
      DIRECTLINE_TOKEN_SECRET: secret(),
      CHAT_API_SECRET: secret(),
      SANDBOX_TOKEN: secret(),
      INTERNAL_API_TOKEN: secret(),
      ADMIN_TOKEN: secret(),
      METRICS_TOKEN: secret(),
      CARRIER_SECRETS: carrierSecrets({ ups: secret(), fedex: secret(), usps: secret() }),
      // The reviewed corpus must not land in the repository's intents/ during the suite.
      REVIEW_CORPUS_FILE: path.join(dir, 'reviewed.json'),
    };
    return { env, staff };
  })();
  return production;
}

const running = new Map<string, Promise<ProductProcess>>();

/**
 * One product process per kind, shared by the suites of one describe block (started on first
 * use, stopped by {@link stopShared} or at the end of the run):
 * - `production`: {@link productionEnv} (demo mode off, the suite's own staff accounts);
 * - `demo`: `npm start` as is (demo picker, demo staff of the README).
 */
export function sharedProduct(kind: 'production' | 'demo'): Promise<ProductProcess> {
  let p = running.get(kind);
  if (!p) {
    p = kind === 'production' ? productionEnv().then((e) => startProduct(e.env)) : startDemo();
    running.set(kind, p);
  }
  return p;
}

async function startDemo(): Promise<ProductProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'paw-security-'));
  dirs.push(dir);
  return startProduct({ REVIEW_CORPUS_FILE: path.join(dir, 'reviewed.json') });
}

/** Stops a shared product (the describe block that owns it calls this in its `after`). */
export async function stopShared(kind: 'production' | 'demo'): Promise<void> {
  const p = running.get(kind);
  running.delete(kind);
  await (await p?.catch(() => undefined))?.stop();
}

/** The staff accounts of a shared product. */
export async function staffOf(kind: 'production' | 'demo'): Promise<ProductionEnv['staff']> {
  return kind === 'production' ? (await productionEnv()).staff : DEMO_STAFF;
}

after(async function () {
  this.timeout(30_000);
  for (const p of running.values()) await (await p.catch(() => undefined))?.stop();
  running.clear();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
