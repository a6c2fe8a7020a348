// Đại biểu — the delegate pages of the demo's district congress in a real browser: the 247
// delegates convened (37 ex officio, 210 elected as allocated among the 47 grassroots
// organizations), the allocation, the ex-officio and elected pages, the three downloads, and a
// delegate who cannot attend replaced by the next alternate of the same organization. Every page
// passes axe-core, on a desktop and on a phone.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, PHONE, launchBrowser, parseViInt, runAxe, screenshot, startServer } from './harness.mjs';

const DEMO_PASSWORD = 'daihoi-demo-2026';

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

async function login(options) {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  await page.goto(`${base}/quan-tri/dang-nhap`);
  await page.fill('#username', 'vanphong.tanuyen');
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/quan-tri/dang-nhap'),
    page.click('form[action="/quan-tri/dang-nhap"] button[type=submit]'),
  ]);
  return { ctx, page };
}

/** The id of the district congress (Tân Uyên, 2020–2025), from the public API. */
async function districtCongress(request) {
  const res = await request.get(`${base}/api/v1/congresses?q=${encodeURIComponent('dang bo huyen tan uyen')}`);
  assert.equal(res.status(), 200);
  const body = await res.json();
  const found = body.items.find((c) => /Đảng bộ huyện Tân Uyên/.test(c.name));
  assert.ok(found, JSON.stringify(body));
  return found.id;
}

/** The figures block (`dt` → number). */
async function figures(page) {
  const out = {};
  for (const row of await page.locator('dl.figures > div').all()) {
    out[(await row.locator('dt').innerText()).trim()] = parseViInt((await row.locator('dd').innerText()).trim());
  }
  return out;
}

async function assertAccessible(page, what) {
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], `${what}: ${JSON.stringify(violations, null, 2)}`);
}

test('the district congress convenes 247 delegates as allocated, on every page', async () => {
  const { ctx, page } = await login(DESKTOP);
  const id = await districtCongress(ctx.request);
  const root = `${base}/dai-hoi/ky/${id}/dai-bieu`;

  assert.equal((await page.goto(root)).status(), 200);
  const f = await figures(page);
  assert.equal(f['Được triệu tập'], 247, JSON.stringify(f));
  assert.equal(f['Đương nhiên'], 37, JSON.stringify(f));
  assert.equal(f['Chính thức được bầu'], 210, JSON.stringify(f));
  assert.ok(f['Dự khuyết chưa gọi'] > 0, JSON.stringify(f));
  // One row per grassroots organization, none short of its seats.
  assert.equal(await page.locator('table.data').first().locator('tbody tr').count(), 47);
  assert.equal(await page.locator('table.data').first().locator('tbody tr.warning').count(), 0);
  await assertAccessible(page, 'tổng quan đại biểu');
  await screenshot(page, 'delegates-overview');

  assert.equal((await page.goto(`${root}/phan-bo`)).status(), 200);
  assert.match(await page.locator('main').innerText(), /247 đại biểu triệu tập − 37 đại biểu đương nhiên = 210/);
  await assertAccessible(page, 'phân bổ');
  await screenshot(page, 'delegates-allocation');

  assert.equal((await page.goto(`${root}/duong-nhien`)).status(), 200);
  await assertAccessible(page, 'đại biểu đương nhiên');

  assert.equal((await page.goto(`${root}/bau`)).status(), 200);
  await assertAccessible(page, 'đại biểu được bầu');
  await screenshot(page, 'delegates-elected');

  // The downloads: a PDF list, an Excel list and the cards, each named for the congress.
  for (const [path, type] of [
    ['danh-sach.pdf', 'application/pdf'],
    ['danh-sach.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['the.pdf', 'application/pdf'],
  ]) {
    const res = await ctx.request.get(`${root}/${path}`);
    assert.equal(res.status(), 200, path);
    assert.equal(res.headers()['content-type'], type, path);
    assert.match(res.headers()['content-disposition'] ?? '', /attachment/, path);
    const body = await res.body();
    assert.ok(body.length > 2000, `${path}: ${body.length} bytes`);
    assert.equal(body.subarray(0, 4).toString('latin1'), type === 'application/pdf' ? '%PDF' : 'PK\u0003\u0004', path);
  }
  await ctx.close();
});

test('a delegate who cannot attend is replaced by the next alternate of the same organization', async () => {
  const { ctx, page } = await login(DESKTOP);
  const id = await districtCongress(ctx.request);
  const root = `${base}/dai-hoi/ky/${id}/dai-bieu`;
  await page.goto(root);
  // An elected delegate of an organization that has an alternate on standby.
  const delegation = page.locator('table.data').first().locator('tbody tr').filter({
    has: page.locator('td:nth-child(4)', { hasNotText: /^0$/ }),
  }).first();
  const orgName = (await delegation.locator('td').first().innerText()).trim();
  const table = page.locator('table.data').nth(1);
  const elected = table.locator('tbody tr').filter({ hasText: orgName }).filter({ hasText: 'Đại biểu chính thức' }).first();
  const name = (await elected.locator('td').nth(1).innerText()).trim();
  // The alternate ranked first (the list sorts by name, not by rank).
  const alternate = table.locator('tbody tr').filter({ hasText: orgName }).filter({ hasText: 'Đại biểu dự khuyết' })
    .filter({ has: page.locator('td:nth-child(7)', { hasText: /^1$/ }) });
  const alternateName = (await alternate.locator('td').nth(1).innerText()).trim();

  await elected.locator('a').click();
  await page.waitForURL(/\/dai-bieu\/\d+$/);
  await assertAccessible(page, 'một đại biểu');
  // A reason is required: the form says so and nothing changes.
  await page.locator('form[action$="/thay-the"] button[type=submit]').click();
  await page.locator('#reason-error').waitFor();
  await assertAccessible(page, 'lỗi thay thế');
  await page.fill('#reason', 'Ốm, có giấy của bệnh viện');
  await Promise.all([page.waitForNavigation(), page.locator('form[action$="/thay-the"] button[type=submit]').click()]);

  await page.goto(root);
  const f = await figures(page);
  assert.equal(f['Được triệu tập'], 247, 'the alternate takes the seat');
  assert.equal(f['Đã được thay thế'], 1, JSON.stringify(f));
  const rows = page.locator('table.data').nth(1).locator('tbody tr');
  const row = (who) => rows.filter({ has: page.getByRole('link', { name: who, exact: true }) });
  assert.match(await row(name).innerText(), /Đã được thay thế/);
  assert.match(await row(alternateName).innerText(), /Được triệu tập/);
  await ctx.close();
});

test('the delegate pages read on a phone', async () => {
  const { ctx, page } = await login(PHONE);
  const id = await districtCongress(ctx.request);
  await page.goto(`${base}/dai-hoi/ky/${id}/dai-bieu`);
  await assertAccessible(page, 'tổng quan đại biểu trên điện thoại');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await screenshot(page, 'delegates-phone', { fullPage: false });
  await ctx.close();
});
