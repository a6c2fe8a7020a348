// Một trang NukeViet chuyển sang — the NukeViet 4.5 fixture imported into a running server with
// `daihoi import nukeviet`, then read in the browser: old addresses answer 301 to the new pages,
// an imported article shows its sanitised body and its photos, an article listed under other
// sections on NukeViet is listed on their pages too, axe on the pages. The fixture (NukeViet's
// GPL sample data) stays outside the repository: `../shared/fixtures/nukeviet-4.5` beside the
// checkout or DAIHOI_NUKEVIET_FIXTURE; without it these tests say they are skipped.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { DESKTOP, PHONE, launchBrowser, runAxe, screenshot, startServer } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = process.env.DAIHOI_NUKEVIET_FIXTURE ?? resolve(here, '../../shared/fixtures/nukeviet-4.5');
const present = existsSync(join(FIXTURE, 'news-and-counter.sql'));
const skip = present ? false : `NukeViet fixture not found at ${FIXTURE} (set DAIHOI_NUKEVIET_FIXTURE): skipped`;
if (skip) console.log(`# ${skip}`);

let server;
let browser;
let report = '';

before(async () => {
  if (!present) return;
  server = await startServer();
  browser = await launchBrowser();
  // While the server runs, as a web team would do it.
  report = execFileSync(
    process.env.DAIHOI_BIN ?? resolve(here, '../target/debug/daihoi'),
    ['import', 'nukeviet', join(FIXTURE, 'news-and-counter.sql'), '--uploads', join(FIXTURE, 'uploads'), '--data-dir', server.dataDir],
    { encoding: 'utf8' },
  );
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Visits `path` and returns the statuses of the redirects on the way and the final page. */
async function follow(page, path) {
  const hops = [];
  page.on('response', (r) => {
    if (r.request().isNavigationRequest()) hops.push(r.status());
  });
  const last = await page.goto(server.baseURL + path);
  return { hops, status: last.status(), path: new URL(page.url()).pathname };
}

test('old article and section addresses answer 301 and the imported article reads well', { skip }, async () => {
  assert.match(report, /16/, `the report names what was brought over: ${report}`);
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();

  // NukeViet's three address forms of article 16.
  for (const old of [
    '/news/Tin-tuc/ky-hop-thu-muoi-bon-hoi-dong-nhan-dan-tinh-khoa-xv-thong-qua-25-nghi-quyet-quan-trong-16.html',
    '/vi/news/Tin-tuc/ky-hop-thu-muoi-bon-hoi-dong-nhan-dan-tinh-khoa-xv-thong-qua-25-nghi-quyet-quan-trong-16.html',
    '/index.php?language=vi&nv=news&op=Tin-tuc/ky-hop-thu-muoi-bon-hoi-dong-nhan-dan-tinh-khoa-xv-thong-qua-25-nghi-quyet-quan-trong-16',
  ]) {
    const p = await ctx.newPage();
    const { hops, status, path } = await follow(p, old);
    assert.equal(hops[0], 301, `${old}: ${JSON.stringify(hops)}`);
    assert.equal(status, 200);
    assert.match(path, /^\/tin-tuc\/ky-hop-thu-muoi-bon/, old);
    await p.close();
  }
  const { path } = await follow(page, '/news/Tin-tuc/x-16.html');
  assert.match(await page.locator('h1').first().innerText(), /Kỳ họp thứ mười bốn Hội đồng nhân dân tỉnh/);
  // The body keeps its paragraphs and pictures, loses what runs; the pictures load.
  const body = page.locator('.article-body');
  assert.ok((await body.locator('p').count()) > 3);
  assert.equal(await body.locator('script, [style], [onclick]').count(), 0);
  const pictures = page.locator('.article-body img, .cover-photo img');
  assert.ok((await pictures.count()) >= 1, 'the article has its photos');
  for (const img of await pictures.all()) {
    await img.scrollIntoViewIfNeeded();
    await img.evaluate((i) => (i.complete ? null : new Promise((ok) => { i.onload = ok; i.onerror = ok; })));
    assert.ok((await img.evaluate((i) => i.naturalWidth)) > 0, `${await img.getAttribute('src')} loads`);
  }
  const bad = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => v.id), [], `axe on ${path}`);
  await screenshot(page, 'nukeviet-article-desktop');

  // A section's old address; the section's page lists an article filed under it as one of its
  // other sections on NukeViet (article 1: main section 1, also 5 and 7).
  const section = await follow(page, '/news/Ban-tin-noi-bo/');
  assert.equal(section.hops[0], 301, JSON.stringify(section.hops));
  assert.match(section.path, /^\/chuyen-muc\//);
  assert.ok(
    (await page.locator('main a', { hasText: 'Ra mắt công ty mã nguồn mở đầu tiên tại Việt Nam' }).count()) >= 1,
    'an article of several sections is listed on each',
  );
  const badSection = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(badSection.map((v) => v.id), []);
  await ctx.close();
});

test('an unknown old address is a Vietnamese 404, and the article reads on a phone', { skip }, async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const missing = await page.goto(`${server.baseURL}/news/Tin-tuc/khong-co-99999.html`);
  assert.equal(missing.status(), 404);
  assert.match(await page.locator('main').innerText(), /Không tìm thấy/);
  await page.goto(`${server.baseURL}/news/Tin-tuc/x-16.html`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling on a phone: ${width}px`);
  await screenshot(page, 'nukeviet-article-phone', { fullPage: false });
  await ctx.close();
});
