import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { LogLevels } from '../../ops/logging/logLevels';
import { createLogger } from '../../platform/logger';
import { testRedis } from '../support/redisServer';
import { ADMIN_TOKEN, startOpsServer, type RunningOpsServer } from './support/opsTestServer';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _e, cb) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('runtime log levels', function () {
  this.timeout(60_000);

  describe('per module, with prefix inheritance and expiry', () => {
    let levels: LogLevels;
    let lines: Record<string, unknown>[];
    beforeEach(() => {
      const c = capture();
      lines = c.lines;
      levels = new LogLevels(c.logger, 'info');
    });
    afterEach(() => levels.close());

    it('a module inherits from its prefix; the most specific override wins; * covers all', () => {
      const shipping = levels.logger('skills.shipping');
      const rewards = levels.logger('skills.rewards');
      const bot = levels.logger('bot');
      assert.equal(shipping.level, 'info');
      levels.set('skills', 'debug');
      assert.equal(shipping.level, 'debug');
      assert.equal(rewards.level, 'debug');
      assert.equal(bot.level, 'info');
      levels.set('skills.shipping', 'warn');
      assert.equal(shipping.level, 'warn');
      assert.equal(rewards.level, 'debug');
      levels.set('*', 'error');
      assert.equal(bot.level, 'error');
      assert.equal(rewards.level, 'debug', 'a module override beats *');
      assert.equal(levels.logger('skillset').level, 'error', '"skills" does not cover "skillset"');
      assert.equal(levels.logger('skills.giftCards').level, 'debug', 'a logger made later gets the level in force');
      levels.set('skills', null);
      assert.equal(rewards.level, 'error');
      assert.throws(() => levels.set('bad module!', 'debug'), /not a module name/);
    });

    it('what is logged follows the level, without a restart', () => {
      const nlu = levels.logger('nlu');
      nlu.debug('hidden');
      levels.set('nlu', 'debug');
      nlu.debug('shown');
      assert.deepEqual(lines.map((l) => [l.module, l.msg]), [['nlu', 'shown']]);
    });

    it('an override with an expiry reverts by itself', async () => {
      const bot = levels.logger('bot');
      const changes: string[] = [];
      levels.onChange((s) => changes.push(s.modules.bot!));
      const o = levels.set('bot', 'trace', 1);
      assert.ok(o?.expiresAt && Date.parse(o.expiresAt) > Date.now());
      assert.equal(bot.level, 'trace');
      await until('the revert', () => bot.level === 'info', 3000);
      assert.deepEqual(levels.overrides(), []);
      assert.deepEqual(changes, ['trace', 'info']);
    });
  });

  describe('across instances (Redis pub/sub), through PUT /admin/log-level', () => {
    let a: RunningOpsServer;
    let b: RunningOpsServer;
    let c: RunningOpsServer | undefined;
    const prefix = `ll${Date.now().toString(36)}:`;
    before(async () => {
      const redis = await testRedis();
      a = await startOpsServer({ redisUrl: redis.url, prefix });
      b = await startOpsServer({ redisUrl: redis.url, prefix, sandbox: a.sandbox });
    });
    after(async () => {
      await c?.close();
      await b?.close();
      await a?.close();
    });

    const put = (srv: RunningOpsServer, body: unknown) =>
      fetch(`${srv.url}/admin/log-level`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const get = async (srv: RunningOpsServer) =>
      (await (await fetch(`${srv.url}/admin/log-level`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { overrides: { module: string; level: string; expiresAt?: string }[]; modules: Record<string, string> };

    it('a change on one instance reaches the other, and a newly started one; both revert at expiry', async () => {
      const onB = b.ops.log('skills.shipping');
      assert.equal(onB.level, 'info');
      const res = await put(a, { module: 'skills', level: 'debug', ttlSeconds: 2 });
      assert.equal(res.status, 200);
      assert.equal(a.ops.log('skills.shipping').level, 'debug');
      await until('instance B applies it', () => onB.level === 'debug');
      const seen = await get(b);
      assert.equal(seen.overrides[0]?.module, 'skills');
      assert.equal(seen.modules['skills.shipping'], 'debug');
      assert.ok(b.logs.some((l) => l.msg === 'log level changed by another instance' && l.logModule === 'skills'));

      c = await startOpsServer({ redisUrl: (await testRedis()).url, prefix, sandbox: a.sandbox });
      assert.equal(c.ops.log('skills.shipping').level, 'debug', 'a new instance starts with the levels in force');

      await until('both revert', () => onB.level === 'info' && a.ops.log('skills.shipping').level === 'info' && c!.ops.log('skills.shipping').level === 'info', 5000);
      assert.deepEqual((await get(b)).overrides, []);
    });

    it('removing an override (level null) reaches the other instance too', async () => {
      await put(b, { module: '*', level: 'warn' });
      await until('A gets * = warn', () => a.ops.log('bot').level === 'warn');
      await put(a, { module: '*', level: null });
      await until('B back to info', () => b.ops.log('bot').level === 'info');
    });
  });
});
