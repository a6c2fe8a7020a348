// Công cụ đọc — the display tools in every page's header (text size A−/A/A+, high contrast), the
// reader tools of an article (share links, copy link, print view), all remembered on the device
// (localStorage) and none of them talking to a third party; the phone's folded menu.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  articlePaths,
  DESKTOP,
  foreignRequests,
  launchBrowser,
  PHONE,
  pollUntil,
  recordRequests,
  screenshot,
  startServer,
} from './harness.mjs';

let server;
let browser;
let paths;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const ctx = await browser.newContext(DESKTOP);
  paths = await articlePaths(await ctx.newPage(), server.baseURL);
  await ctx.close();
});

after(async () => {
  await browser?.close();
  const exit = await server?.stop();
  assert.equal(exit?.code, 0, `daihoi serve phải dừng êm khi nhận SIGTERM, nhận ${JSON.stringify(exit)}`);
});

/** The first paragraph of the article body, whose computed size the text-size tools change. */
const BODY_P = '#main article .article-body p, #main [itemprop="articleBody"] p, #main article p';

async function bodyFontPx(page) {
  return page.$eval(BODY_P, (p) => parseFloat(getComputedStyle(p).fontSize));
}

async function fontStep(page) {
  return page.evaluate(() => document.documentElement.getAttribute('data-font-step'));
}

/** Presses A- or A+ until it is disabled or stops changing the step (at most 8 presses). */
async function pressUntilBound(page, action) {
  const button = page.locator(`[data-action="${action}"]`);
  for (let i = 0; i < 8; i++) {
    if (await button.isDisabled()) return;
    const before = await fontStep(page);
    await button.click();
    if ((await fontStep(page)) === before) return;
  }
  throw new Error(`${action}: bước chữ không dừng ở giới hạn sau 8 lần bấm`);
}

async function click(page, action) {
  await page.locator(`[data-action="${action}"]`).click();
}

test('A+ / A- / A change the article text size within steps -2..3 and remember it', async () => {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  await page.goto(server.baseURL + paths[0]);
  for (const a of ['font-smaller', 'font-reset', 'font-larger', 'contrast-toggle']) {
    assert.equal(await page.locator(`#display-tools button[data-action="${a}"]`).count(), 1, `thiếu nút ${a}`);
  }
  assert.equal(await page.locator('#reader-tools button[data-action="copy-link"]').count(), 1);
  const step0 = await fontStep(page);
  assert.ok(step0 === null || step0 === '0', `bước chữ mặc định phải là 0, thấy ${step0}`);
  const base = await bodyFontPx(page);

  await click(page, 'font-larger');
  assert.equal(await fontStep(page), '1');
  const up1 = await bodyFontPx(page);
  assert.ok(up1 > base, `A+ phải làm chữ to hơn: ${base}px → ${up1}px`);

  await click(page, 'font-larger');
  assert.equal(await fontStep(page), '2');
  const up2 = await bodyFontPx(page);
  assert.ok(up2 > up1, `A+ lần hai phải to hơn nữa: ${up1}px → ${up2}px`);

  await click(page, 'font-smaller');
  assert.equal(await fontStep(page), '1');
  assert.equal(await bodyFontPx(page), up1, 'A- phải trở lại cỡ của bước 1');

  await click(page, 'font-reset');
  assert.ok(['0', null].includes(await fontStep(page)), 'A phải trở về bước 0');
  assert.equal(await bodyFontPx(page), base, 'A phải trở lại cỡ gốc');

  await click(page, 'font-smaller');
  assert.equal(await fontStep(page), '-1');
  const down1 = await bodyFontPx(page);
  assert.ok(down1 < base, `A- phải làm chữ nhỏ hơn: ${base}px → ${down1}px`);

  // Bounds: never below -2 nor above 3. At a bound the button is disabled or does nothing.
  await pressUntilBound(page, 'font-smaller');
  assert.equal(await fontStep(page), '-2');
  // At a bound the button is disabled and looks it (dashed, dimmed), not like the others.
  const smaller = page.locator('[data-action="font-smaller"]');
  assert.ok(await smaller.isDisabled(), 'A− phải bị vô hiệu ở cỡ nhỏ nhất');
  const look = (l) => l.evaluate((b) => { const c = getComputedStyle(b); return `${c.opacity} ${c.borderStyle}`; });
  assert.notEqual(await look(smaller), await look(page.locator('[data-action="font-larger"]')), 'nút bị vô hiệu phải trông khác');
  await pressUntilBound(page, 'font-larger');
  assert.equal(await fontStep(page), '3');
  assert.ok(await page.locator('[data-action="font-larger"]').isDisabled(), 'A+ phải bị vô hiệu ở cỡ lớn nhất');
  // The whole page grows, not only the article: the header's name and the sidebar too.
  const sizeOf = (sel) => page.$eval(sel, (e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok((await sizeOf('.brand-name')) > 1.35 * 16 * 1.4, 'tên cổng phải to lên theo A+');
  assert.ok((await sizeOf('#visit-stats')) >= 16 * 1.5 * 0.99, 'khối thống kê phải to lên theo A+');
  const top = await bodyFontPx(page);
  assert.ok(top > up2, `bước 3 phải to hơn bước 2: ${up2}px → ${top}px`);
  assert.equal(await page.evaluate(() => localStorage.getItem('daihoi.fontStep')), '3');

  // Survives a reload, applied by /static/prefs.js before first paint.
  await page.reload();
  assert.equal(await fontStep(page), '3', 'bước chữ phải còn sau khi tải lại trang');
  assert.equal(await bodyFontPx(page), top);

  // And a visit to another article.
  await page.goto(server.baseURL + paths[1]);
  assert.equal(await fontStep(page), '3', 'bước chữ phải còn ở bài viết khác');
  assert.ok((await bodyFontPx(page)) > base);

  // Applied before first paint: the attribute is already there when <body> starts to be parsed
  // (an init script watches the document from its very first byte).
  await ctx.addInitScript(() => {
    new MutationObserver((records, obs) => {
      if (document.body) {
        window.__stepAtBody = document.documentElement.getAttribute('data-font-step');
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  assert.equal(await page.evaluate(() => window.__stepAtBody), '3', 'prefs.js phải đặt bước chữ trước khi vẽ <body>');
  const prefsInHead = await page.$$eval('head script[src]', (ss) => ss.map((s) => new URL(s.src).pathname));
  assert.ok(prefsInHead.includes('/static/prefs.js'), `/static/prefs.js phải nằm trong <head>, thấy ${prefsInHead}`);
  await ctx.close();
});

test('the contrast toggle sets data-contrast="high", changes colours and is remembered', async () => {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  await page.goto(server.baseURL + paths[0]);
  const colours = () =>
    page.evaluate(() => {
      const b = getComputedStyle(document.body);
      const p = getComputedStyle(document.querySelector('#main p') || document.body);
      const a = document.querySelector('#main a');
      return { bg: b.backgroundColor, fg: b.color, p: p.color, a: a ? getComputedStyle(a).color : null };
    });
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-contrast')), null);
  const normal = await colours();

  const toggle = page.locator('#display-tools [data-action="contrast-toggle"]');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.match(await toggle.innerText(), /Tương phản cao/);
  await toggle.click();
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-contrast')), 'high');
  // Pressed means "high contrast is on": the label names the mode, the state says it is on.
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  const high = await colours();
  assert.notDeepEqual(high, normal, 'tương phản cao phải đổi màu');
  assert.notEqual(high.bg, normal.bg, `nền phải đổi: ${normal.bg} → ${high.bg}`);
  assert.equal(await page.evaluate(() => localStorage.getItem('daihoi.contrast')), 'high');

  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-contrast')), 'high');
  assert.deepEqual(await colours(), high, 'màu tương phản cao phải còn sau khi tải lại');
  await page.goto(server.baseURL + '/');
  assert.equal(
    await page.evaluate(() => document.documentElement.getAttribute('data-contrast')),
    'high',
    'tương phản cao phải áp dụng cả ở trang chủ',
  );

  // The same toggle on the home page: the tools are on every page.
  await page.locator('#display-tools [data-action="contrast-toggle"]').click();
  await page.goto(server.baseURL + paths[0]);
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-contrast')), null);
  assert.equal(await page.locator('#display-tools [data-action="contrast-toggle"]').getAttribute('aria-pressed'), 'false');
  assert.deepEqual(await colours(), normal, 'giảm tương phản phải trả lại màu thường');
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-contrast')), null);
  await ctx.close();
});

test('share links are plain links with the page URL, and nothing is loaded from a third party', async () => {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  const urls = recordRequests(page);
  await page.goto(server.baseURL + paths[0]);
  await page.waitForLoadState('networkidle');
  const articlePath = paths[0];

  const hosts = { facebook: /(^|\.)facebook\.com$/, x: /^(x|twitter)\.com$/, zalo: /(^|\.)zalo\.me$/ };
  for (const [net, hostRe] of Object.entries(hosts)) {
    const link = page.locator(`#reader-tools a[data-share="${net}"]`);
    assert.equal(await link.count(), 1, `thiếu liên kết chia sẻ ${net}`);
    const href = await link.getAttribute('href');
    const u = new URL(href);
    assert.equal(u.protocol, 'https:', `${net}: ${href}`);
    assert.match(u.hostname, hostRe, `${net}: ${href}`);
    // The shared address is one of the query values, percent-encoded in the href.
    const shared = [...u.searchParams.values()].find((v) => {
      try {
        return new URL(v).pathname === articlePath;
      } catch {
        return false;
      }
    });
    assert.ok(shared, `${net}: liên kết phải mang địa chỉ bài viết ${articlePath}: ${href}`);
    assert.ok(href.includes(encodeURIComponent(shared)), `${net}: địa chỉ phải được mã hoá: ${href}`);
    assert.equal(new URL(shared).origin, server.baseURL, `${net}: địa chỉ chia sẻ phải là trang đang xem: ${shared}`);
  }

  // Print view: a plain link that works.
  const print = page.locator('#reader-tools a[data-action="print"]');
  assert.equal(new URL(await print.getAttribute('href'), server.baseURL).pathname, `${articlePath}/ban-in`);

  // The native share button is shown only where the browser has a share sheet.
  const hasShare = await page.evaluate(() => typeof navigator.share === 'function');
  assert.equal(await page.locator('#reader-tools [data-action="share-native"]').isVisible(), hasShare);

  // No script, stylesheet, frame or image from elsewhere, and no request left the loopback server.
  const foreign = await page.$$eval('script[src], link[rel="stylesheet"], iframe, img[src]', (els) =>
    els.map((e) => e.src || e.href).filter((u) => new URL(u, location.href).origin !== location.origin),
  );
  assert.deepEqual(foreign, [], 'không được nạp tài nguyên từ bên thứ ba');
  const inlineScripts = await page.$$eval('script:not([src])', (ss) => ss.filter((s) => s.type !== 'application/ld+json').length);
  assert.equal(inlineScripts, 0, 'không có script nội tuyến');

  await print.click();
  await page.waitForURL(`**${articlePath}/ban-in`);
  assert.equal(await page.locator('h1').count() >= 1, true);
  await page.goto(server.baseURL + '/');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(foreignRequests(urls, server.baseURL), [], 'mọi yêu cầu phải tới 127.0.0.1');
  assert.ok(urls.length > 3);
  await ctx.close();
});

test('copy link puts the article address on the clipboard', async () => {
  const ctx = await browser.newContext(DESKTOP);
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseURL });
  const page = await ctx.newPage();
  await page.goto(server.baseURL + paths[0]);
  await click(page, 'copy-link');
  const copied = await pollUntil(() => page.evaluate(() => navigator.clipboard.readText()).then((t) => t || false), {
    what: 'nội dung clipboard',
    timeoutMs: 3000,
  });
  assert.equal(new URL(copied).pathname, paths[0]);
  await ctx.close();
});

test('without JavaScript the article still offers the share and print links', async () => {
  const ctx = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
  const page = await ctx.newPage();
  const res = await page.goto(server.baseURL + paths[0]);
  assert.equal(res.status(), 200);
  for (const net of ['facebook', 'x', 'zalo']) {
    assert.ok(await page.locator(`#reader-tools a[data-share="${net}"]`).isVisible(), `${net} phải hiện khi không có JS`);
  }
  assert.ok(await page.locator('#reader-tools a[data-action="print"]').isVisible());
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal(await page.locator('main#main').count(), 1);
  const skip = await page.locator('a[href="#main"]').count();
  assert.ok(skip >= 1, 'phải có liên kết bỏ qua tới #main');
  await ctx.close();
});


test('the display tools are on every page, and the print view has a print button', async () => {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  for (const path of ['/', '/so-do-trang', '/tim-kiem?q=dai+hoi']) {
    await page.goto(server.baseURL + path);
    assert.ok(await page.locator('#display-tools [data-action="font-larger"]').isVisible(), `A+ phải có ở ${path}`);
  }
  await page.goto(`${server.baseURL}${paths[0]}/ban-in`);
  const print = page.getByRole('button', { name: 'In bài viết' });
  assert.ok(await print.isVisible(), 'bản in phải có nút In');
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await print.click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await ctx.close();
});

test('on a phone the header is short and the sections fold behind a menu button', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await page.goto(server.baseURL + paths[0]);
  const header = await page.locator('.site-header').boundingBox();
  assert.ok(header.height <= 140, `đầu trang trên điện thoại cao ${header.height}px (trước đây 260px)`);
  const h1 = await page.locator('#main h1').boundingBox();
  assert.ok(h1.y < 300, `tiêu đề bài bắt đầu ở ${h1.y}px`);
  const menu = page.getByRole('button', { name: 'Chuyên mục' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.ok(!(await page.locator('#main-nav').isVisible()), 'menu gấp lại trên điện thoại');
  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  assert.ok(await page.locator('#main-nav a', { hasText: 'Trang chủ' }).isVisible());
  await screenshot(page, 'phone-header-menu-open', { fullPage: false });
  await ctx.close();
  // Without scripts the menu is simply open.
  const plain = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const p2 = await plain.newPage();
  await p2.goto(server.baseURL + paths[0]);
  assert.ok(await p2.locator('#main-nav a', { hasText: 'Trang chủ' }).isVisible());
  await plain.close();
});
