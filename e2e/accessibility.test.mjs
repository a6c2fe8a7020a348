// Khả năng tiếp cận — axe-core (WCAG 2.1 A/AA and best practices) on the home page, an article
// page and the search results, in the normal and the high-contrast theme: no violation of impact
// serious or critical; on the search page none at all of `landmark-unique` (two search forms).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { articlePaths, DESKTOP, launchBrowser, PHONE, runAxe, screenshot, startServer } from './harness.mjs';

let server;
let browser;
let article;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const ctx = await browser.newContext(DESKTOP);
  [article] = await articlePaths(await ctx.newPage(), server.baseURL);
  await ctx.close();
});

after(async () => {
  await browser?.close();
  const exit = await server?.stop();
  assert.equal(exit?.code, 0, `daihoi serve phải dừng êm khi nhận SIGTERM, nhận ${JSON.stringify(exit)}`);
});

/** Formats axe violations for a failure message, one node per line. */
function describe(violations) {
  return violations
    .map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target}\n      ${n.summary?.replace(/\n/g, '\n      ')}`).join('\n')}`)
    .join('\n');
}

for (const [device, options] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
]) {
  for (const contrast of ['normal', 'high']) {
    for (const which of ['home', 'article', 'search']) {
      test(`axe: ${which} page, ${contrast} contrast, ${device}: no serious or critical violation`, async () => {
        const ctx = await browser.newContext(options);
        if (contrast === 'high') await ctx.addInitScript(() => localStorage.setItem('daihoi.contrast', 'high'));
        const page = await ctx.newPage();
        const path = { home: '/', article, search: '/tim-kiem?q=dai+hoi+dang+bo+huyen' }[which];
        const res = await page.goto(server.baseURL + path);
        assert.equal(res.status(), 200);
        assert.equal(
          await page.evaluate(() => document.documentElement.getAttribute('data-contrast')),
          contrast === 'high' ? 'high' : null,
        );
        const violations = await runAxe(page);
        const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        const minor = violations.filter((v) => !bad.includes(v));
        if (minor.length) console.log(`# axe (${which}, ${contrast}, ${device}) minor:\n${describe(minor)}`);
        assert.equal(bad.length, 0, `axe (${which}, ${contrast}, ${device}):\n${describe(bad)}`);
        if (which === 'search') {
          assert.ok(await page.locator('.search-hit mark').count() > 0, 'the query words are marked');
          const landmarks = violations.filter((v) => v.id === 'landmark-unique');
          assert.equal(landmarks.length, 0, describe(landmarks));
          await screenshot(page, `search-${contrast}-${device}`, { fullPage: false });
        }
        await ctx.close();
      });
    }
  }
}
