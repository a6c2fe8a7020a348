// Thông tin cổng và bản đồ đại hội — the administrator edits the site's identity and the footer
// of the public pages shows it; the map page colours the units by congress progress with a
// legend and a table (the demo links Tân Uyên to its district organization), keeps the
// distinction in high contrast, and its labels are readable on a phone; a database without the
// demo says nothing of a demo; a map imported from the command line while the server runs
// replaces the sidebar's small map. axe-core on the settings page and the map; screenshots of both.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DESKTOP, launchBrowser, PHONE, pollUntil, RESULTS_DIR, runAxe, screenshot, startServer } from './harness.mjs';

const DEMO_PASSWORD = 'daihoi-demo-2026';
const WAIT_MS = 15_000;

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

async function newContext(options = DESKTOP) {
  const ctx = await browser.newContext(options);
  ctx.setDefaultTimeout(WAIT_MS);
  ctx.setDefaultNavigationTimeout(WAIT_MS);
  return ctx;
}

/** Serious or critical axe violations, as text. */
async function seriousAxe(page) {
  const bad = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return bad.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target).join(', ')}`).join('\n');
}

test('the administrator changes the agency and the footer shows it', async () => {
  const ctx = await newContext();
  const page = await ctx.newPage();
  await page.goto(`${server.baseURL}/quan-tri/dang-nhap`);
  await page.fill('#username', 'admin');
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === '/quan-tri/bai-viet'), page.click('form[action="/quan-tri/dang-nhap"] button[type=submit]')]);
  await page.getByRole('link', { name: 'Cấu hình' }).click();
  await page.waitForURL((u) => u.pathname === '/quan-tri/cau-hinh');
  assert.equal(await seriousAxe(page), '', 'axe: trang cấu hình');
  // A wrong e-mail is refused, naming the field.
  await page.fill('#email', 'vanphong-khong-co-a-cong');
  await Promise.all([page.waitForLoadState(), page.click('form[action="/quan-tri/cau-hinh"] button[type=submit]')]);
  assert.match(await page.locator('#email-error').innerText(), /«Thư điện tử»/);
  assert.equal(await page.locator('#email').getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'identity-settings-error', { fullPage: true });
  // Fixed and saved with a new agency.
  await page.fill('#email', 'lienhe@daihoi.example');
  await page.fill('#agency', 'Ban Thường vụ Huyện ủy Tân Uyên (minh họa, đã sửa)');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/quan-tri/cau-hinh' && u.searchParams.get('thong_bao') === 'da-luu'),
    page.click('form[action="/quan-tri/cau-hinh"] button[type=submit]'),
  ]);
  assert.equal((await page.locator('.notice').innerText()).trim(), 'Đã lưu thay đổi.');
  await screenshot(page, 'identity-settings', { fullPage: true });
  await page.goto(`${server.baseURL}/`);
  const footer = page.locator('footer.site-footer');
  assert.match(await footer.innerText(), /Cơ quan chủ quản:\s*Ban Thường vụ Huyện ủy Tân Uyên \(minh họa, đã sửa\)/);
  assert.match(await footer.innerText(), /Bản trình diễn của daihoi/, 'the demo says it is a demonstration');
  await footer.scrollIntoViewIfNeeded();
  await screenshot(page, 'identity-footer', { fullPage: false });
  // The favicon the pages name answers with a PNG.
  const icon = await page.request.get(`${server.baseURL}/favicon.ico`);
  assert.equal(icon.status(), 200);
  assert.equal(icon.headers()['content-type'], 'image/png');
  await ctx.close();
});

test('the map colours Tân Uyên by its congress, with a legend and a table, in both contrasts', async () => {
  for (const [name, options, contrast] of [
    ['desktop', DESKTOP, null],
    ['phone', PHONE, null],
    ['desktop-high-contrast', DESKTOP, 'high'],
  ]) {
    const ctx = await newContext(options);
    if (contrast) await ctx.addInitScript(() => localStorage.setItem('daihoi.contrast', 'high'));
    const page = await ctx.newPage();
    await page.goto(`${server.baseURL}/ban-do`);
    const legend = page.getByRole('group', { name: 'Chú giải' });
    await legend.waitFor();
    assert.match(await legend.innerText(), /Đã chuẩn y kết quả\s+\(1 đơn vị\)/);
    assert.match(await legend.innerText(), /Chưa liên kết với tổ chức\s+\(7 đơn vị\)/);
    const row = page.locator('table.map-table tr', { has: page.locator('th', { hasText: /^Tân Uyên$/ }) });
    assert.match(await row.innerText(), /Đảng bộ huyện Tân Uyên\s+Đã chuẩn y kết quả\s+08\/06\/2020/);
    const href = await row.getByRole('link').getAttribute('href');
    assert.match(href, /^\/dai-hoi-cac-cap\/\d+$/);
    // The linked unit and an unlinked one are painted differently, in high contrast too.
    const fills = await page.evaluate(() => {
      const fill = (sel) => getComputedStyle(document.querySelector(sel)).fill;
      return { approved: fill('.district.stage-approved path'), unlinked: fill('.district.unlinked path') };
    });
    assert.notEqual(fills.approved, fills.unlinked, JSON.stringify(fills));
    assert.match(fills.approved, contrast ? /fill-approved-hc/ : /fill-approved"/);
    // Labels are at least 11 px tall as shown.
    const smallest = await page.evaluate(() =>
      Math.min(...[...document.querySelectorAll('.district-label tspan')].map((t) => t.getBoundingClientRect().height)),
    );
    assert.ok(smallest >= 11, `${name}: nhãn bản đồ cao ${smallest}px`);
    assert.equal(await seriousAxe(page), '', `${name}: axe`);
    await screenshot(page, `identity-map-${name}`, { fullPage: true });
    await page.locator('.map-with-legend').screenshot({ path: join(RESULTS_DIR, `identity-map-${name}-figure.png`) });
    // The unit leads to the public congress page.
    await page.locator('.district.stage-approved').click();
    await page.waitForURL((u) => u.pathname === href);
    assert.match(await page.locator('h1').innerText(), /Đại hội/);
    await ctx.close();
  }
});

test('a database without the demo says nothing of a demo', async () => {
  const fresh = await startServer({ extraArgs: ['--no-demo'] });
  try {
    const ctx = await newContext();
    const page = await ctx.newPage();
    for (const path of ['/', '/ban-do']) {
      await page.goto(`${fresh.baseURL}${path}`);
      const text = (await page.locator('body').innerText()).toLowerCase();
      for (const word of ['trình diễn', 'minh họa', 'demo']) {
        assert.ok(!text.includes(word), `${path} nói «${word}»`);
      }
    }
    await page.goto(`${fresh.baseURL}/`);
    await screenshot(page, 'identity-fresh-home', { fullPage: true });
    await ctx.close();
  } finally {
    const exit = await fresh.stop();
    assert.equal(exit?.code, 0);
  }
});

test('a map imported from the command line while the server runs replaces the small map of the sidebar', async () => {
  const fresh = await startServer({ extraArgs: ['--no-demo'] });
  try {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto(`${fresh.baseURL}/`);
    const picture = page.locator('.map-block img');
    const before = await picture.getAttribute('src');
    assert.match(before, /^\/ban-do\.svg\?v=[0-9a-f]+$/);
    assert.match(await picture.getAttribute('alt'), /tỉnh Lai Châu năm 2020/);

    const square = (x, y) => [[[x, y], [x + 0.2, y], [x + 0.2, y + 0.2], [x, y + 0.2], [x, y]]];
    const file = join(fresh.dataDir, 'hai-xa.geojson');
    writeFileSync(file, JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'Xã Một', code: '01' }, geometry: { type: 'Polygon', coordinates: square(103.5, 22.0) } },
        { type: 'Feature', properties: { name: 'Xã Hai', code: '02' }, geometry: { type: 'Polygon', coordinates: square(103.7, 22.0) } },
      ],
    }));
    execFileSync(process.env.DAIHOI_BIN, ['import', 'boundaries', file, '--title', 'hai xã thử nghiệm', '--data-dir', fresh.dataDir], { encoding: 'utf8' });

    // The server sees the import on its next check of the store and names the new picture.
    const after = await pollUntil(async () => {
      await page.goto(`${fresh.baseURL}/`);
      const src = await picture.getAttribute('src');
      return src !== before && src;
    }, { what: 'bản đồ nhỏ đổi sau khi nhập' });
    assert.equal(await picture.getAttribute('alt'), 'Bản đồ địa giới hành chính hai xã thử nghiệm; chọn để xem bản đồ lớn');
    const svg = await (await fetch(`${fresh.baseURL}${after}`)).text();
    assert.equal(svg.match(/<path /g).length, 2, svg);
    assert.ok(!svg.includes('Lai Châu'));
    const shown = await picture.evaluate((img) => img.complete && img.naturalWidth > 0);
    assert.ok(shown, 'ảnh bản đồ nhỏ hiện được');
    assert.equal(await seriousAxe(page), '', 'axe: trang chủ với bản đồ đã nhập');
    await page.locator('.map-block').screenshot({ path: join(RESULTS_DIR, 'identity-small-map-imported.png') });
    await ctx.close();
  } finally {
    const exit = await fresh.stop();
    assert.equal(exit?.code, 0);
  }
});
