// Thống kê truy cập — the visitor statistics block. On a fresh demo it shows the seed's figures
// plus exactly the visits these tests make; a new visitor adds one; a returning one adds nothing;
// crawlers and clients without a User-Agent are counted apart as bots.

import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, test } from 'node:test';
import {
  apiStats,
  DESKTOP,
  launchBrowser,
  pageStats,
  pollUntil,
  SEED_STATS,
  STAT_NAMES,
  startServer,
  VI_NUMBER,
} from './harness.mjs';

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

/** The public figures that grow with each visit, by how much they exceed the seed's block. */
function excessOverSeed(s) {
  return {
    today: s.today - SEED_STATS.today,
    month: s.month - SEED_STATS.month,
    year: s.year - SEED_STATS.year,
    total: s.total - SEED_STATS.total,
  };
}

/** One plain HTTP GET from Node with exactly the given headers (none added), body discarded. */
function rawGet(url, headers) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the statistics block shows six Vietnamese-formatted figures that reconcile with the seed and the API', async () => {
  const a = await browser.newContext(DESKTOP);
  const page = await a.newPage();
  await page.goto(server.baseURL + '/');
  assert.match(await page.locator('#visit-stats').innerText(), /Thống kê truy cập/i);
  assert.equal(await page.locator('aside#visit-stats').count(), 1);

  const shown = await pageStats(page);
  for (const name of STAT_NAMES) assert.match(shown.texts[name], VI_NUMBER, `${name}: ${shown.texts[name]}`);
  // The first page view of the first visitor: whether the view already includes its own visit
  // depends on when the counter is read, but every growing figure has grown by the same amount.
  assert.equal(shown.numbers.yesterday, SEED_STATS.yesterday, 'hôm qua phải đúng số của trang gốc');
  const ex = excessOverSeed(shown.numbers);
  assert.ok(ex.today === 0 || ex.today === 1, `hôm nay vượt trang gốc ${ex.today}, chỉ có một khách: ${JSON.stringify(shown.numbers)}`);
  assert.deepEqual(ex, { today: ex.today, month: ex.today, year: ex.today, total: ex.today }, JSON.stringify(shown.numbers));

  // The API, read by the same visitor (its cookie: reading adds no visit), counts exactly one
  // visit beyond the seed once the buffer is flushed.
  const s1 = await pollUntil(
    async () => {
      const s = await apiStats(a.request, server.baseURL);
      return s.today >= SEED_STATS.today + 1 ? s : false;
    },
    { what: 'lượt truy cập đầu tiên trong API' },
  );
  for (const k of ['online', 'today', 'yesterday', 'month', 'year', 'total', 'bots_today', 'bots_total']) {
    assert.equal(typeof s1[k], 'number', `API thiếu trường số ${k}: ${JSON.stringify(s1)}`);
  }
  assert.deepEqual(excessOverSeed(s1), { today: 1, month: 1, year: 1, total: 1 }, `API: ${JSON.stringify(s1)}`);
  assert.equal(s1.yesterday, SEED_STATS.yesterday);
  assert.ok(s1.online >= 1, `đang trực tuyến phải có ít nhất khách này: ${s1.online}`);

  // The page now shows the same figures as the API.
  await page.reload();
  const again = await pageStats(page);
  for (const k of ['today', 'yesterday', 'month', 'year', 'total']) {
    assert.equal(again.numbers[k], s1[k], `${k}: trang ${again.texts[k]}, API ${s1[k]}`);
  }
  assert.ok(again.numbers.online >= 1);
  await a.close();
});

test('a new visitor adds exactly one; a returning visitor and bots add nothing to the public figures', async () => {
  const observer = await browser.newContext(DESKTOP);
  await (await observer.newPage()).goto(server.baseURL + '/');
  const read = () => apiStats(observer.request, server.baseURL);
  // The observer's own visit (the second person of this file) is counted first.
  const base = await pollUntil(async () => {
    const s = await read();
    return s.today === SEED_STATS.today + 2 ? s : false;
  }, { what: 'lượt của người quan sát (hôm nay = 1.936)' });

  // A new browser context is a new visitor.
  const b = await browser.newContext(DESKTOP);
  const pb = await b.newPage();
  await pb.goto(server.baseURL + '/');
  const s2 = await pollUntil(async () => {
    const s = await read();
    return s.today !== base.today ? s : false;
  }, { what: 'lượt của khách mới' });
  assert.equal(s2.today, base.today + 1, 'một khách mới cộng đúng 1');
  assert.deepEqual(excessOverSeed(s2), { today: 3, month: 3, year: 3, total: 3 });

  // The same visitor again (its visit cookie is live): no new visit.
  await pb.reload();
  const link = await pb.$eval('main a[href*="/tin-tuc/"]', (e) => e.href);
  await pb.goto(link);

  // Bots: a crawler and a client without any User-Agent.
  assert.equal(await rawGet(link, { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' }), 200);
  assert.equal(await rawGet(link, {}), 200);

  // A third visitor: once its visit shows, everything before it has been flushed too.
  const c = await browser.newContext(DESKTOP);
  await (await c.newPage()).goto(server.baseURL + '/');
  const s3 = await pollUntil(async () => {
    const s = await read();
    return s.today !== s2.today ? s : false;
  }, { what: 'lượt của khách thứ ba' });
  assert.equal(s3.today, s2.today + 1, 'khách quay lại không được tính thêm; bot không vào số công khai');
  assert.deepEqual(excessOverSeed(s3), { today: 4, month: 4, year: 4, total: 4 });
  const s4 = await pollUntil(async () => {
    const s = await read();
    return s.bots_today >= base.bots_today + 2 ? s : false;
  }, { what: 'hai lượt bot' });
  assert.equal(s4.bots_today, base.bots_today + 2, 'Googlebot và khách không User-Agent là 2 lượt bot');
  assert.equal(s4.bots_total, base.bots_total + 2);
  assert.equal(s4.today, s3.today);

  // The page of a returning visitor shows the same figures.
  await pb.reload();
  const shown = await pageStats(pb);
  for (const k of ['today', 'yesterday', 'month', 'year', 'total']) assert.equal(shown.numbers[k], s4[k], k);
  assert.ok(shown.numbers.online >= 3, `3 khách trong 5 phút qua, trang hiện ${shown.texts.online}`);
  for (const ctx of [observer, b, c]) await ctx.close();
});

test('the statistics block is on every public page', async () => {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  await page.goto(server.baseURL + '/');
  const category = await page.$eval('a[href*="/chuyen-muc/"]', (e) => new URL(e.href).pathname);
  const article = await page.$eval('main a[href*="/tin-tuc/"]', (e) => new URL(e.href).pathname);
  for (const path of ['/', category, article, '/tim-kiem?q=dai+hoi', '/so-do-trang']) {
    const res = await page.goto(server.baseURL + path);
    assert.equal(res.status(), 200, path);
    const { texts } = await pageStats(page);
    for (const name of STAT_NAMES) assert.match(texts[name], VI_NUMBER, `${path} ${name}`);
  }
  await ctx.close();
});
