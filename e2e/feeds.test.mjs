// Sơ đồ trang, phân trang, tin RSS — the readable site map (sections, years, months, a month's
// articles), the category pager at 30 pages (a window, first and last, ellipses), and the feeds
// the pages name in their heads, read by the browser's own XML parser. axe on each page.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DESKTOP, launchBrowser, PHONE, pollUntil, runAxe, screenshot, startServer } from './harness.mjs';

let server;
let browser;
let section;

/** Runs SQL on the server's database with the sqlite3 shell (waits on a busy database). */
function sql(statements) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', join(server.dataDir, 'daihoi.db'), statements], {
    encoding: 'utf8',
  }).trim();
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // 300 more articles in the first section, one an hour back from two hours ago: 30 pages and
  // more, over about two weeks.
  const id = sql('SELECT id FROM category ORDER BY position, id LIMIT 1');
  section = sql(`SELECT slug FROM category WHERE id = ${id}`);
  const now = Date.now() * 1000;
  sql(`INSERT INTO article (slug, title, lead, kind, category_id, status, published_at, created_at, updated_at)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
       SELECT 'e2e-bai-' || i, 'Bài thử số ' || i, 'Sapo ' || i, 'news', ${id}, 'published',
              ${now} - (i + 2) * 3600000000, ${now}, ${now} FROM n;`);
  // The kept lists and site maps notice within 2 s.
  await pollUntil(
    async () => (await fetch(`${server.baseURL}/chuyen-muc/${section}?trang=30`)).status === 200,
    { what: 'trang 30 của chuyên mục' },
  );
});

after(async () => {
  await browser?.close();
  const exit = await server?.stop();
  assert.equal(exit?.code, 0, `daihoi serve phải dừng êm khi nhận SIGTERM, nhận ${JSON.stringify(exit)}`);
});

/** Serious or critical axe violations of the page, as text. */
async function seriousAxe(page) {
  const bad = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return bad.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target).join(', ')}`).join('\n');
}

test('the category pager shows a window of pages, the first and the last', async () => {
  for (const [device, options] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const ctx = await browser.newContext(options);
    const page = await ctx.newPage();
    await page.goto(`${server.baseURL}/chuyen-muc/${section}?trang=15`);
    const nav = page.getByRole('navigation', { name: 'Phân trang' });
    await nav.waitFor();
    const current = nav.locator('[aria-current="page"]');
    assert.equal(await current.innerText(), '15');
    const numbers = await nav.locator('a[aria-label^="Trang "]').allInnerTexts();
    const last = Number(numbers.at(-1));
    assert.ok(last >= 30, `trang cuối ${last}`);
    assert.deepEqual(numbers, ['1', '13', '14', '16', '17', String(last)]);
    assert.equal(await nav.locator('li.gap').count(), 2);
    // The pager stays on the page's width (wraps on a phone).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${device}: tràn ngang ${overflow}px`);
    assert.equal(await seriousAxe(page), '', `${device}: axe`);
    await screenshot(page, `pager-${device}`, { fullPage: false });
    await nav.scrollIntoViewIfNeeded();
    await screenshot(page, `pager-${device}-nav`, { fullPage: false });
    // The last page link leads to the last page.
    await nav.getByRole('link', { name: `Trang ${last}` }).click();
    await page.waitForURL(`**/chuyen-muc/${section}?trang=${last}`);
    assert.equal(await page.locator('nav[aria-label="Phân trang"] [aria-current="page"]').innerText(), String(last));
    await ctx.close();
  }
});

test('the readable site map leads by section and month to the articles', async () => {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  await page.goto(`${server.baseURL}/so-do-trang`);
  assert.equal(await page.locator('h1').innerText(), 'Sơ đồ trang');
  assert.equal(await seriousAxe(page), '', 'axe: sơ đồ trang');
  await screenshot(page, 'sitemap-tree');
  const months = page.locator(`a[href^="/so-do-trang/${section}/"]`);
  assert.ok((await months.count()) >= 1);
  const href = await months.first().getAttribute('href');
  await months.first().click();
  await page.waitForURL(`**${href}`);
  const items = page.locator('ul.sitemap-month li a');
  assert.ok((await items.count()) >= 1);
  assert.ok((await items.count()) <= 50);
  assert.match(await page.locator('h1').innerText(), /Tháng \d\d\/\d{4}$/);
  assert.equal(await seriousAxe(page), '', 'axe: trang tháng');
  await screenshot(page, 'sitemap-month');
  await ctx.close();
});

test('pages name their feeds, and the feeds are XML the browser can read', async () => {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  await page.goto(`${server.baseURL}/chuyen-muc/${section}`);
  const feeds = await page.$$eval('link[rel="alternate"]', (links) => links.map((l) => [l.type, l.getAttribute('href')]));
  assert.deepEqual(feeds, [
    ['application/rss+xml', '/rss.xml'],
    ['application/atom+xml', '/atom.xml'],
    ['application/rss+xml', `/chuyen-muc/${section}/rss.xml`],
    ['application/atom+xml', `/chuyen-muc/${section}/atom.xml`],
  ]);
  for (const [type, href] of feeds) {
    const res = await page.request.get(`${server.baseURL}${href}`);
    assert.equal(res.status(), 200, href);
    assert.equal(res.headers()['content-type'], `${type}; charset=utf-8`);
    const text = await res.text();
    const read = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        items: doc.querySelectorAll('item, entry').length,
        first: doc.querySelector('item > link, entry > id')?.textContent ?? null,
      };
    }, text);
    assert.equal(read.error, null, href);
    assert.equal(read.items, 20, href);
    assert.ok(read.first.startsWith('http://127.0.0.1:'), `${href}: ${read.first}`);
  }
  await ctx.close();
});
