// Ảnh chụp — screenshots of the home and an article page at desktop (1280 px) and phone (390 px)
// width, normal and high contrast, saved under e2e/test-results/ for a person to look at.
// What the test itself checks: the page renders, and nothing is wider than the screen.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { articlePaths, DESKTOP, launchBrowser, PHONE, screenshot, startServer } from './harness.mjs';

let server;
let browser;
let article;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  const paths = await articlePaths(page, server.baseURL);
  // The interview of the demo is the richest article (questions, answers, photos): take it if linked.
  article = paths[0];
  for (const p of paths) {
    await page.goto(server.baseURL + p);
    if ((await page.locator('.interview-q').count()) > 0) {
      article = p;
      break;
    }
  }
  await ctx.close();
});

after(async () => {
  await browser?.close();
  const exit = await server?.stop();
  assert.equal(exit?.code, 0, `daihoi serve phải dừng êm khi nhận SIGTERM, nhận ${JSON.stringify(exit)}`);
});

for (const [device, options, width] of [
  ['desktop', DESKTOP, 1280],
  ['phone', PHONE, 390],
]) {
  for (const contrast of ['normal', 'high']) {
    test(`screenshots: ${device} ${width}px, ${contrast} contrast`, async () => {
      const ctx = await browser.newContext(options);
      if (contrast === 'high') await ctx.addInitScript(() => localStorage.setItem('daihoi.contrast', 'high'));
      const page = await ctx.newPage();
      for (const [name, path] of [
        ['home', '/'],
        ['article', article],
      ]) {
        const res = await page.goto(server.baseURL + path);
        assert.equal(res.status(), 200, path);
        await page.waitForLoadState('networkidle');
        // Lazy images load when scrolled to: scroll through the page as a reader would.
        await page.evaluate(async () => {
          for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
            window.scrollTo(0, y);
            await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
          }
          window.scrollTo(0, 0);
        });
        await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 10000 });
        const broken = await page.$$eval('img', (imgs) => imgs.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
        assert.deepEqual(broken, [], `${path}: ảnh không tải được`);
        const overflow = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
          widest: [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ').join('.') : ''}`),
        }));
        assert.ok(
          overflow.scroll <= overflow.client,
          `${path} ở ${width}px tràn ngang: ${overflow.scroll} > ${overflow.client}; ${overflow.widest.join(', ')}`,
        );
        await screenshot(page, `${name}-${device}-${contrast}`);
      }
      await ctx.close();
    });
  }
}
