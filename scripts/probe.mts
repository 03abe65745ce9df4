import { startHarness, screenshot } from '../test/e2e/harness';
const h = await startHarness();
for (const role of ['kiosk', 'console', 'cards'] as const) {
  const p = await h.open(role);
  await p.waitForTimeout(1500);
  await screenshot(p, `probe-${role}`);
}
console.log(h.pageErrors);
await h.close();
