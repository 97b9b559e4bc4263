import { clientEventsSuite } from './suites/clientEvents';
import { maskingSuite } from './suites/masking';
import { reviewInboxCapsSuite } from './suites/reviewInboxCaps';
import { xssSuite } from './suites/xssInChromium';
import { stopShared } from './support/securityProducts';

/** Attacks on the product as `npm start` runs it (demo mode, demo staff, memory store): one process for all. */
describe('security: the demo server (npm start)', function () {
  after(async function () {
    this.timeout(30_000);
    await stopShared('demo');
  });
  clientEventsSuite();
  maskingSuite();
  xssSuite();
  // Last: its floods use up review-inbox capture allowances the suites above rely on.
  reviewInboxCapsSuite();
});
