// Đại hội — the congress workspace area in a real browser: its home page opens at /dai-hoi with
// its own layout, passes axe-core, and visiting it (or a missing page in it) adds nothing to the
// portal's visitor statistics, unlike a portal page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiStats, DESKTOP, launchBrowser, PHONE, runAxe, screenshot, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  const exit = await server?.stop();
  assert.equal(exit?.code, 0, `daihoi serve phải dừng êm khi nhận SIGTERM, nhận ${JSON.stringify(exit)}`);
});

test('the congress workspace opens in its own layout, accessibly, and counts no visit', async () => {
  const base = server.baseURL;
  const reader = await browser.newContext(DESKTOP);
  // The reader's first portal page starts a visit and sets the cookie; reading the figures with
  // that cookie adds nothing more.
  const portal = await reader.newPage();
  await portal.goto(`${base}/`);
  const before = await apiStats(reader.request, base);

  // A fresh browser (no cookie) opens the workspace: a new visitor on the portal would count.
  const stranger = await browser.newContext(DESKTOP);
  const page = await stranger.newPage();
  const response = await page.goto(`${base}/dai-hoi`);
  assert.equal(response.status(), 200);
  assert.equal(await page.locator('h1').innerText(), 'Không gian làm việc đại hội');
  assert.equal(await page.locator('#visit-stats').count(), 0, 'no portal statistics block');
  const cookies = await stranger.cookies();
  assert.deepEqual(cookies.map((c) => c.name), [], 'the workspace sets no visit cookie');
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(page, 'congress-home-desktop');

  const missing = await page.goto(`${base}/dai-hoi/khong-co-trang-nay`);
  assert.equal(missing.status(), 404);
  assert.match(await page.locator('[role=alert]').innerText(), /không gian làm việc đại hội/);

  const phone = await browser.newContext(PHONE);
  const small = await phone.newPage();
  await small.goto(`${base}/dai-hoi`);
  await screenshot(small, 'congress-home-phone');

  const afterStats = await apiStats(reader.request, base);
  assert.equal(afterStats.today, before.today, 'the workspace added a visit to "today"');
  await Promise.all([reader.close(), stranger.close(), phone.close()]);
});
