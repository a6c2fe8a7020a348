// Đại hội — the congress workspace in a real browser, over the demo's cycle: a secretariat logs
// in and lands in the workspace, which has its own layout, passes axe-core and counts no portal
// visit; the progress dashboard of the district shows "47/47" with its server-drawn timeline;
// a person's record shows the sensitive fields with the invented-data notice; the portal's
// editor is refused; the portal's public congress page shows the district congress.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiStats, DESKTOP, launchBrowser, PHONE, runAxe, screenshot, startServer } from './harness.mjs';

const DEMO_PASSWORD = 'daihoi-demo-2026';
const WAIT_MS = 15000;

let server;
let browser;
let base;

before(async () => {
  server = await startServer();
  base = server.baseURL;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  const exit = await server?.stop();
  assert.equal(exit?.code, 0, `daihoi serve phải dừng êm khi nhận SIGTERM, nhận ${JSON.stringify(exit)}`);
});

async function newContext(options = DESKTOP) {
  const ctx = await browser.newContext(options);
  ctx.setDefaultTimeout(WAIT_MS);
  ctx.setDefaultNavigationTimeout(WAIT_MS);
  return ctx;
}

/** Logs `username` in on a new page of `ctx`; returns the page where the login lands. */
async function login(ctx, username, next = '') {
  const page = await ctx.newPage();
  await page.goto(`${base}/quan-tri/dang-nhap${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/quan-tri/dang-nhap'),
    page.click('form[action="/quan-tri/dang-nhap"] button[type=submit]'),
  ]);
  return page;
}

/** The id of the demo's district organization (Tân Uyên), from the public API. */
async function districtId(request) {
  const res = await request.get(`${base}/api/v1/organizations?q=${encodeURIComponent('huyện Tân Uyên')}`);
  assert.equal(res.status(), 200);
  const body = await res.json();
  const district = body.items.find((o) => o.code === 'TU');
  assert.ok(district, JSON.stringify(body));
  return district.id;
}

test('a secretariat lands in the workspace, which has its own layout and counts no visit', async () => {
  const reader = await newContext();
  const portal = await reader.newPage();
  await portal.goto(`${base}/`);
  const before = await apiStats(reader.request, base);

  const ctx = await newContext();
  const anonymous = await ctx.newPage();
  await anonymous.goto(`${base}/dai-hoi`);
  assert.equal(new URL(anonymous.url()).pathname, '/quan-tri/dang-nhap', 'the workspace needs a login');
  const page = await login(ctx, 'vanphong.tanuyen');
  assert.equal(new URL(page.url()).pathname, '/dai-hoi', 'a workspace-only account lands in the workspace');
  assert.equal(await page.locator('h1').innerText(), 'Không gian làm việc đại hội');
  assert.match(await page.locator('main').innerText(), /Đảng bộ huyện Tân Uyên/);
  assert.equal(await page.locator('#visit-stats').count(), 0, 'no portal statistics block');
  const names = (await ctx.cookies()).map((c) => c.name);
  assert.ok(!names.includes('dh_visit'), `the workspace sets no visit cookie: ${names}`);
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(page, 'congress-home-desktop');

  const missing = await page.goto(`${base}/dai-hoi/khong-co-trang-nay`);
  assert.equal(missing.status(), 404);
  assert.match(await page.locator('[role=alert]').innerText(), /không gian làm việc đại hội/);

  const afterStats = await apiStats(reader.request, base);
  assert.equal(afterStats.today, before.today, 'the workspace added a visit to "today"');
  await Promise.all([reader.close(), ctx.close()]);
});

test('the district dashboard shows 47/47 with its timeline, on a desktop and a phone', async () => {
  const ctx = await newContext();
  const id = await districtId(ctx.request);
  const page = await login(ctx, 'vanphong.tanuyen', `/dai-hoi/to-chuc/${id}/tien-do`);
  assert.equal(new URL(page.url()).pathname, `/dai-hoi/to-chuc/${id}/tien-do`);
  const text = await page.locator('main').innerText();
  assert.match(text, /47\/47 tổ chức cơ sở đảng đã tổ chức đại hội/);
  assert.ok((await page.locator('svg.timeline rect').count()) > 0, 'the timeline has bars');
  assert.ok((await page.locator('svg.timeline rect.bar-pilot').count()) > 0, 'pilots are marked');
  assert.equal(await page.locator('tr.overdue').count(), 0, 'nothing overdue in the demo');
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(page, 'congress-progress-desktop');

  const phone = await newContext(PHONE);
  const small = await login(phone, 'vanphong.tanuyen', `/dai-hoi/to-chuc/${id}/tien-do`);
  assert.match(await small.locator('main').innerText(), /47\/47/);
  const width = await small.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 400, `the dashboard fits a phone without sideways scrolling (${width}px)`);
  await screenshot(small, 'congress-progress-phone');
  await Promise.all([ctx.close(), phone.close()]);
});

test('a person record shows the sensitive fields with the invented-data notice, accessibly', async () => {
  const ctx = await newContext();
  const id = await districtId(ctx.request);
  const page = await login(ctx, 'vanphong.tanuyen', `/dai-hoi/to-chuc/${id}/nhan-su`);
  const rows = page.locator('table.data tbody tr');
  assert.ok((await rows.count()) >= 37, 'the outgoing committee is on the district roll');
  assert.match(await page.locator('.invented').innerText(), /hư cấu/);
  let violations = await runAxe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(page, 'congress-roll-desktop');
  await Promise.all([page.waitForURL(/\/dai-hoi\/nhan-su\/\d+/), rows.first().locator('a').click()]);
  const facts = await page.locator('dl.facts').innerText();
  assert.match(facts, /Ngày sinh/);
  assert.match(facts, /Dân tộc/);
  assert.match(await page.locator('.invented').innerText(), /hư cấu/);
  violations = await runAxe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(page, 'congress-person-desktop');
  await ctx.close();
});

test("the portal's editor is refused in the workspace", async () => {
  const ctx = await newContext();
  const page = await login(ctx, 'bientap');
  const response = await page.goto(`${base}/dai-hoi`);
  assert.equal(response.status(), 403);
  await ctx.close();
});

test('the public congress page shows the district congress and its grassroots congresses', async () => {
  const ctx = await newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}/dai-hoi-cac-cap`);
  const link = page.locator('.congress-list a', { hasText: 'Tân Uyên' }).first();
  await Promise.all([page.waitForURL(/\/dai-hoi-cac-cap\/\d+/), link.click()]);
  const text = await page.locator('main').innerText();
  assert.match(text, /08\/06\/2020/);
  assert.match(text, /47\/47 tổ chức cơ sở đảng đã tổ chức đại hội/);
  assert.doesNotMatch(text, /Ngày sinh|Dân tộc|thẻ đảng viên/, 'nothing personal on a public page');
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(page, 'portal-congress-desktop');
  const phone = await newContext(PHONE);
  const small = await phone.newPage();
  await small.goto(page.url());
  await screenshot(small, 'portal-congress-phone');
  await Promise.all([ctx.close(), phone.close()]);
});
