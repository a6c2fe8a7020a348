// Văn bản and Giới thiệu — the demo's documents: the list with its filters (type, year, text),
// a document's page and its PDF, the "Mật" demo document nowhere public; the about tree and a
// third-level page with its breadcrumb. axe on each page, desktop and phone, with screenshots.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, launchBrowser, PHONE, runAxe, screenshot, startServer } from './harness.mjs';

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

/** Serious or critical axe violations of the page, as text. */
async function seriousAxe(page) {
  const bad = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return bad.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target).join(', ')}`).join('\n');
}

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

const DEVICES = [['desktop', DESKTOP], ['phone', PHONE]];

/** On a phone the sections' menu is folded behind its button: open it. */
async function openMenu(page) {
  const toggle = page.locator('.nav-toggle');
  if (await toggle.isVisible()) await toggle.click();
}

test('the documents list filters by type, year and text, and never shows the "Mật" document', async () => {
  for (const [device, options] of DEVICES) {
    const ctx = await browser.newContext(options);
    const page = await ctx.newPage();
    await page.goto(`${server.baseURL}/`);
    await openMenu(page);
    await page.getByRole('navigation', { name: 'Chuyên mục' }).getByRole('link', { name: 'Văn bản' }).click();
    await page.waitForURL('**/van-ban');
    const items = page.locator('#document-list > li');
    assert.equal(await items.count(), 5, `${device}: 5 văn bản công bố`);
    const text = await page.locator('main').innerText();
    assert.ok(!text.includes('95-CV/HU'), 'văn bản mật không hiện');
    assert.ok(!text.includes('210-BC/HU'), 'bản nháp không hiện');
    assert.equal(await seriousAxe(page), '', `${device}: axe danh sách`);
    assert.ok((await overflow(page)) <= 0, `${device}: tràn ngang`);
    await screenshot(page, `documents-${device}`);

    // By type.
    await page.getByLabel('Loại văn bản').selectOption({ label: 'Kế hoạch' });
    await page.getByRole('button', { name: 'Lọc văn bản' }).click();
    await page.waitForURL((u) => u.searchParams.get('loai') === '10');
    assert.equal(await items.count(), 1);
    assert.match(await items.first().innerText(), /120-KH\/HU/);
    // By year, the type cleared.
    await page.getByLabel('Loại văn bản').selectOption({ label: 'Tất cả' });
    await page.getByLabel('Năm ban hành').selectOption('2019');
    await page.getByRole('button', { name: 'Lọc văn bản' }).click();
    await page.waitForURL((u) => u.searchParams.get('nam') === '2019' && !u.searchParams.get('loai'));
    assert.equal(await items.count(), 2);
    // Text without diacritics.
    await page.getByLabel('Năm ban hành').selectOption({ label: 'Tất cả' });
    await page.getByLabel('Từ khóa (số, ký hiệu, trích yếu)').fill('trieu tap dai bieu');
    await page.getByRole('button', { name: 'Lọc văn bản' }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === 'trieu tap dai bieu');
    assert.equal(await items.count(), 1);
    assert.match(await items.first().innerText(), /342-QĐ\/HU/);
    assert.match(await page.locator('#document-summary').innerText(), /Có 1 văn bản phù hợp/);
    assert.equal(await seriousAxe(page), '', `${device}: axe danh sách đã lọc`);
    await screenshot(page, `documents-filtered-${device}`, { fullPage: false });
    await ctx.close();
  }
  // The secret document is in no feed, site map or search either.
  for (const path of ['/van-ban/rss.xml', '/sitemap-pages.xml', '/tim-kiem?q=phuong+an+nhan+su+ban+chap+hanh+khoa+moi', '/api/v1/search?q=95+cv+hu']) {
    const body = await (await fetch(`${server.baseURL}${path}`)).text();
    assert.ok(!body.includes('95-CV/HU'), `${path} không được chứa văn bản mật`);
  }
});

test("a document's page shows its fields and opens its PDF", async () => {
  for (const [device, options] of DEVICES) {
    const ctx = await browser.newContext(options);
    const page = await ctx.newPage();
    await page.goto(`${server.baseURL}/van-ban?loai=10`);
    await page.locator('#document-list a').first().click();
    await page.waitForURL(/\/van-ban\/\d+-ke-hoach-/);
    assert.equal(await page.locator('h1').innerText(), 'Kế hoạch tổ chức đại hội chi bộ, đảng bộ cơ sở nhiệm kỳ 2020–2025');
    const facts = await page.locator('dl.document-facts').innerText();
    for (const expected of ['120-KH/HU', 'Kế hoạch', 'Ban Thường vụ Huyện ủy Tân Uyên', '15/11/2019']) {
      assert.ok(facts.includes(expected), `${expected} trong ${facts}`);
    }
    const link = page.locator('#document-pdf');
    assert.match(await link.innerText(), /Xem văn bản \(PDF, \d+ KB\)/);
    const href = await link.getAttribute('href');
    const pdf = await page.request.get(`${server.baseURL}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal(pdf.headers()['content-disposition'], 'inline; filename="120-kh-hu.pdf"');
    assert.ok((await pdf.body()).subarray(0, 5).equals(Buffer.from('%PDF-')));
    assert.equal(await seriousAxe(page), '', `${device}: axe trang văn bản`);
    assert.ok((await overflow(page)) <= 0, `${device}: tràn ngang`);
    await screenshot(page, `document-${device}`);
    await ctx.close();
  }
  // The "Mật" demo document is a 404 by every address a guess could try.
  const ids = [...Array(10).keys()].map((i) => i + 1);
  for (const id of ids) {
    const r = await fetch(`${server.baseURL}/van-ban/${id}`, { redirect: 'manual' });
    if (r.status === 301) {
      const page = await (await fetch(`${server.baseURL}${r.headers.get('location')}`)).text();
      assert.ok(!page.includes('95-CV/HU'), `văn bản ${id} không được là văn bản mật`);
    } else {
      assert.equal(r.status, 404, `/van-ban/${id}`);
    }
  }
});

test('the about pages form a tree; a third-level page shows its breadcrumb', async () => {
  for (const [device, options] of DEVICES) {
    const ctx = await browser.newContext(options);
    const page = await ctx.newPage();
    await page.goto(`${server.baseURL}/`);
    await openMenu(page);
    await page.getByRole('navigation', { name: 'Chuyên mục' }).getByRole('link', { name: 'Giới thiệu' }).click();
    await page.waitForURL('**/gioi-thieu');
    const tree = page.locator('#about-tree');
    const top = await tree.locator(':scope > ul > li > a').allInnerTexts();
    assert.deepEqual(top, ['Chức năng, nhiệm vụ', 'Cơ cấu tổ chức', 'Lãnh đạo'], 'trang chưa xuất bản không hiện');
    assert.equal(await tree.locator('ul ul ul a').count(), 1, 'một trang cấp 3');
    assert.equal(await seriousAxe(page), '', `${device}: axe cây giới thiệu`);
    await screenshot(page, `about-tree-${device}`);
    await tree.getByRole('link', { name: 'Văn phòng Huyện ủy' }).click();
    await page.waitForURL('**/gioi-thieu/van-phong-huyen-uy');
    const crumbs = await page.locator('nav.breadcrumb a').allInnerTexts();
    assert.deepEqual(crumbs, ['Trang chủ', 'Giới thiệu', 'Cơ cấu tổ chức', 'Các cơ quan tham mưu, giúp việc']);
    assert.equal(await page.locator('h1').innerText(), 'Văn phòng Huyện ủy');
    assert.equal(await seriousAxe(page), '', `${device}: axe trang giới thiệu`);
    assert.ok((await overflow(page)) <= 0, `${device}: tràn ngang`);
    await screenshot(page, `about-page-${device}`);
    await page.goto(`${server.baseURL}/gioi-thieu/co-cau-to-chuc`);
    const children = await page.locator('nav.about-children a').allInnerTexts();
    assert.deepEqual(children, ['Ban Thường vụ Huyện ủy', 'Các cơ quan tham mưu, giúp việc']);
    assert.ok((await page.locator('.article-body strong').first().innerText()).includes('35 ủy viên'));
    await ctx.close();
  }
});

const DEMO_PASSWORD = 'daihoi-demo-2026';

async function adminPage(options = DESKTOP) {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  await page.goto(`${server.baseURL}/quan-tri/dang-nhap`);
  await page.fill('#username', 'admin');
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/quan-tri/bai-viet'),
    page.click('form[action="/quan-tri/dang-nhap"] button[type=submit]'),
  ]);
  return { ctx, page };
}

test('the administrator adds, renames, moves and deletes document types; a type in use is kept', async () => {
  const { ctx, page } = await adminPage();
  page.on('dialog', (dialog) => dialog.accept());
  await page.goto(`${server.baseURL}/quan-tri/van-ban`);
  await page.getByRole('link', { name: 'Loại văn bản' }).click();
  await page.waitForURL((u) => u.pathname === '/quan-tri/loai-van-ban');
  assert.equal(await seriousAxe(page), '', 'axe: loại văn bản');
  const rows = page.locator('#type-table tbody tr');
  const before = await rows.count();

  await page.fill('#new-type-name', 'Đề án');
  await Promise.all([page.waitForURL(/thong_bao=da-them-loai/), page.getByRole('button', { name: 'Thêm loại' }).click()]);
  assert.equal(await rows.count(), before + 1);
  // The same name without diacritics is refused, naming the type it clashes with.
  await page.fill('#new-type-name', 'DE AN');
  await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Thêm loại' }).click()]);
  assert.match(await page.locator('#new-type-name-error').innerText(), /«DE AN» trùng với loại «Đề án» đã có/);
  assert.equal(await page.locator('#new-type-name').getAttribute('aria-invalid'), 'true');
  assert.equal(await seriousAxe(page), '', 'axe: lỗi trùng tên');
  await screenshot(page, 'document-types-refused', { fullPage: true });

  // Rename the new (last) type, then move it up one place.
  const last = rows.last();
  await last.locator('input[name=name]').fill('Đề án nhân sự');
  await Promise.all([page.waitForURL(/da-doi-ten-loai/), last.getByRole('button', { name: /^Đổi tên/ }).click()]);
  assert.equal(await rows.last().locator('input[name=name]').inputValue(), 'Đề án nhân sự');
  await Promise.all([page.waitForURL(/da-doi-thu-tu-loai/), rows.last().getByRole('button', { name: /^Lên/ }).click()]);
  assert.equal(await rows.nth(before - 1).locator('input[name=name]').inputValue(), 'Đề án nhân sự');

  // "Nghị quyết" is used by the demo's documents: not deleted, the page says how many.
  const nq = rows.filter({ has: page.locator('input[value="Nghị quyết"]') });
  await Promise.all([page.waitForLoadState(), nq.getByRole('button', { name: /^Xoá/ }).click()]);
  assert.match(await page.locator('#types-error').innerText(), /Không xoá được loại «Nghị quyết»: còn \d+ văn bản thuộc loại này/);
  assert.equal(await rows.count(), before + 1);
  await screenshot(page, 'document-types-in-use', { fullPage: true });
  // The new type is used by nothing: deleted.
  const mine = rows.filter({ has: page.locator('input[value="Đề án nhân sự"]') });
  await Promise.all([page.waitForURL(/da-xoa-loai/), mine.getByRole('button', { name: /^Xoá/ }).click()]);
  assert.equal(await rows.count(), before);
  assert.equal(await seriousAxe(page), '', 'axe: sau khi xoá');
  await ctx.close();
});

test('the administrator deletes an about page after confirming; a page with pages under it is kept', async () => {
  const { ctx, page } = await adminPage();
  await page.goto(`${server.baseURL}/quan-tri/gioi-thieu`);
  // "Cơ cấu tổ chức" has pages under it.
  await page.locator('#about-table').getByRole('link', { name: 'Cơ cấu tổ chức' }).click();
  await page.getByRole('link', { name: 'Xoá trang này…' }).click();
  await page.waitForURL(/\/quan-tri\/gioi-thieu\/\d+\/xoa$/);
  assert.match(await page.locator('#delete-refused').innerText(), /Không xoá được trang «Cơ cấu tổ chức» vì còn 2 trang con/);
  assert.equal(await page.locator('#delete-about-form').count(), 0);
  assert.equal(await seriousAxe(page), '', 'axe: không xoá được');
  await screenshot(page, 'about-delete-refused');
  // A third-level page: the confirmation, then gone from the portal.
  await page.goto(`${server.baseURL}/quan-tri/gioi-thieu`);
  await page.locator('#about-table').getByRole('link', { name: 'Văn phòng Huyện ủy' }).click();
  await page.getByRole('link', { name: 'Xoá trang này…' }).click();
  assert.equal(await seriousAxe(page), '', 'axe: xác nhận xoá');
  await screenshot(page, 'about-delete-confirm');
  await Promise.all([
    page.waitForURL(/thong_bao=da-xoa-trang/),
    page.getByRole('button', { name: 'Xoá trang «Văn phòng Huyện ủy»' }).click(),
  ]);
  assert.match(await page.locator('main').innerText(), /Đã xoá trang giới thiệu\./);
  assert.equal(await page.locator('#about-table').getByRole('link', { name: 'Văn phòng Huyện ủy' }).count(), 0);
  const gone = await fetch(`${server.baseURL}/gioi-thieu/van-phong-huyen-uy`);
  assert.equal(gone.status, 404);
  const search = await (await fetch(`${server.baseURL}/api/v1/search?q=van+phong+huyen+uy`)).text();
  assert.ok(!search.includes('/gioi-thieu/van-phong-huyen-uy'), search);
  await ctx.close();
});
