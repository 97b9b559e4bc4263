import { productionAttacksSuite } from './suites/productionAttacks';
import { seededFuzzSuite } from './suites/seededFuzz';
import { stopShared } from './support/securityProducts';

/** Attacks on a production server (NODE_ENV=production, every secret changed): one process for all. */
describe('security: the production server', function () {
  after(async function () {
    this.timeout(30_000);
    await stopShared('production');
  });
  productionAttacksSuite();
  seededFuzzSuite();
});
