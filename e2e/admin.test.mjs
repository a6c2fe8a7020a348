// Quản trị — the administration in a real browser, as an editor and an administrator use it:
// a draft with live Markdown preview that the editor cannot publish; the administrator publishes
// it and it is on the portal; text typed before the session ran out is offered back after login; a photo uploaded to a demo article and its caption edited, shown
// on the public page at once;
// accounts added, logged in, locked (the locked user's next page is the login page); the last
// administrator cannot lock themself; five wrong passwords throttle the login; axe-core on the
// login, article edit and users pages; screenshots of the users and article edit pages.
//
// Every test makes its own data (names carry a unique suffix), so they do not depend on one
// another's order; they share one server, started fresh with the demo data.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, launchBrowser, PHONE, runAxe, screenshot, startServer } from './harness.mjs';

/** The demo accounts' password (README). */
const DEMO_PASSWORD = 'daihoi-demo-2026';
/** The login page's answer to a wrong name or password. */
const WRONG_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng.';
/** Bound of every wait in this file. */
const WAIT_MS = 15_000;

let server;
let browser;
let base;
let serial = 0;

/** A suffix no other test of this run uses (lowercase letters and digits, valid in login names). */
function unique() {
  serial += 1;
  return `${Date.now().toString(36)}${serial}`;
}

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

/** A fresh browser context (own cookies) with bounded waits. */
async function newContext(options = DESKTOP) {
  const ctx = await browser.newContext(options);
  ctx.setDefaultTimeout(WAIT_MS);
  ctx.setDefaultNavigationTimeout(WAIT_MS);
  return ctx;
}

/** Fills and submits the login form on `page`; returns the status of the POST's answer. */
async function submitLogin(page, username, password) {
  if (!new URL(page.url()).pathname.startsWith('/quan-tri/dang-nhap')) await page.goto(`${base}/quan-tri/dang-nhap`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/quan-tri/dang-nhap'),
    page.click('form[action="/quan-tri/dang-nhap"] button[type=submit]'),
  ]);
  await page.waitForLoadState();
  return response.status();
}

/** Logs `username` in on a new page of `ctx` and waits for the article list. Returns the page. */
async function login(ctx, username, password = DEMO_PASSWORD) {
  const page = await ctx.newPage();
  await page.goto(`${base}/quan-tri/dang-nhap`);
  const status = await submitLogin(page, username, password);
  assert.equal(status, 303, `đăng nhập «${username}» phải thành công (303), nhận ${status}`);
  await page.waitForURL((u) => u.pathname === '/quan-tri/bai-viet');
  return page;
}

/** Clicks `button` and waits until the page's URL satisfies `predicate`. */
async function clickAndWait(page, button, predicate) {
  await Promise.all([page.waitForURL(predicate), button.click()]);
}

/** Whether `url` is the administration's login page. */
const isLoginPage = (u) => u.pathname === '/quan-tri/dang-nhap';

/** Adds an account through `/quan-tri/nguoi-dung` in the administrator's `page`. */
async function createUser(page, { username, displayName, role = 'editor', password }) {
  await page.goto(`${base}/quan-tri/nguoi-dung`);
  await page.fill('#username', username);
  await page.fill('#display_name', displayName);
  await page.selectOption('#role', role);
  await page.fill('#password', password);
  await page.fill('#password_confirm', password);
  await clickAndWait(
    page,
    page.locator('#new-user-form button[type=submit]'),
    (u) => u.pathname === '/quan-tri/nguoi-dung' && u.searchParams.get('thong_bao') === 'da-tao-tai-khoan',
  );
  assert.equal((await page.locator('.notice').innerText()).trim(), 'Đã tạo tài khoản.');
  await page.getByRole('link', { name: username, exact: true }).waitFor();
}

/** The first demo article whose edit page has a caption form: `{ editPath, publicPath }`. */
async function articleWithPhotos(page) {
  await page.goto(`${base}/quan-tri/bai-viet`);
  const links = await page.$$eval('table.data a[href^="/quan-tri/bai-viet/"]', (as) => as.map((a) => a.getAttribute('href')));
  for (const editPath of links) {
    await page.goto(base + editPath);
    if ((await page.locator('.caption-form').count()) > 0) {
      const publicPath = await page.getByRole('link', { name: 'Xem trên cổng' }).getAttribute('href');
      return { editPath, publicPath };
    }
  }
  throw new Error(`không bài demo nào có ảnh trong ${JSON.stringify(links)}`);
}

/** Formats axe violations for a failure message, one node per line. */
function describe(violations) {
  return violations
    .map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target}\n      ${n.summary?.replace(/\n/g, '\n      ')}`).join('\n')}`)
    .join('\n');
}

/** Asserts no serious or critical axe violation on `page`; prints the minor ones. */
async function assertAccessible(page, what) {
  const violations = await runAxe(page);
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`# axe (${what}) minor:\n${describe(minor)}`);
  assert.equal(bad.length, 0, `axe (${what}):\n${describe(bad)}`);
}

test('editor writes a draft with live preview and cannot publish it; admin publishes it and it is on the portal', { timeout: 120_000 }, async () => {
  const id = unique();
  const title = `Hội nghị thử nghiệm quản trị ${id}`;
  const editor = await newContext();
  const page = await login(editor, 'bientap');

  await page.goto(`${base}/quan-tri/bai-viet/moi`);
  assert.equal(await page.locator('button[name=action][value=publish]').count(), 0, 'biên tập viên không có nút «Lưu và xuất bản»');
  await page.fill('#title', title);
  await page.selectOption('#category_id', { index: 1 });
  await page.fill('#lead', 'Bài thử của kiểm thử trình duyệt.');
  const preview = page.locator('#preview');
  assert.ok(!(await preview.innerText()).includes(id), 'khung xem trước ban đầu chưa có nội dung bài');

  // Typing the body updates the preview without leaving the page.
  await page.locator('#body').fill(`## Mục ${id}\n\nĐoạn có chữ **đậm nét** và *nghiêng*.\n\nPV: Đồng chí đánh giá thế nào?\n\nKết quả tốt.`);
  await preview.locator('h2', { hasText: `Mục ${id}` }).waitFor();
  assert.equal(await preview.locator('strong', { hasText: 'đậm nét' }).count(), 1);
  assert.match(await preview.locator('.interview-q').innerText(), /Đồng chí đánh giá thế nào\?/);
  await page.locator('#body').press('End');
  await page.locator('#body').pressSequentially('\n\n- điểm một\n- điểm hai');
  await preview.locator('li', { hasText: 'điểm hai' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/quan-tri/bai-viet/moi', 'xem trước không rời trang');

  await clickAndWait(page, page.getByRole('button', { name: 'Lưu bản nháp' }), (u) => /^\/quan-tri\/bai-viet\/\d+$/.test(u.pathname));
  assert.equal(new URL(page.url()).searchParams.get('thong_bao'), 'da-tao');
  assert.equal((await page.locator('.notice').innerText()).trim(), 'Đã tạo bài viết (bản nháp).');
  const editPath = new URL(page.url()).pathname;
  assert.equal(await page.locator('.page-head .status-draft').count(), 1, 'bài mới là bản nháp');
  const slug = (await page.locator('p.hint', { hasText: 'Đường dẫn:' }).innerText()).match(/\/tin-tuc\/(\S+)/)?.[1];
  assert.ok(slug, 'trang sửa bài cho biết đường dẫn');
  // After a reload the preview is rendered by the server from the stored body.
  assert.equal((await preview.locator('h2').innerText()).trim(), `Mục ${id}`);

  // No publish control for the editor, and a hand-made publish request is refused.
  assert.equal(await page.locator('button[name=action][value=publish]').count(), 0);
  assert.equal(await page.locator(`form[action="${editPath}/xuat-ban"]`).count(), 0, 'không có biểu mẫu xuất bản');
  const token = await page.locator('#article-form input[name=csrf_token]').inputValue();
  const refused = await editor.request.post(`${base}${editPath}/xuat-ban`, { form: { csrf_token: token, published_at: '' }, maxRedirects: 0 });
  assert.equal(refused.status(), 403);
  assert.match(await refused.text(), /Tài khoản của bạn không có quyền thực hiện thao tác này\./);
  await page.reload();
  assert.equal(await page.locator('.page-head .status-draft').count(), 1, 'bài vẫn là bản nháp sau yêu cầu bị từ chối');
  const anonymous = await newContext();
  assert.equal((await anonymous.request.get(`${base}/tin-tuc/${slug}`)).status(), 404, 'bản nháp không có trên cổng');

  // Log out: back to the login page, and the administration asks for a login again.
  await clickAndWait(page, page.getByRole('button', { name: 'Đăng xuất' }), isLoginPage);
  assert.equal(new URL(page.url()).searchParams.get('thong_bao'), 'da-dang-xuat');
  await page.goto(base + editPath);
  assert.ok(isLoginPage(new URL(page.url())), `sau khi đăng xuất phải về trang đăng nhập, đang ở ${page.url()}`);
  await editor.close();

  // The administrator publishes it.
  const admin = await newContext();
  const adminPage = await login(admin, 'admin');
  await adminPage.goto(base + editPath);
  // One way to publish: the editor's own button (the second control of earlier versions is gone).
  assert.equal(await adminPage.getByRole('button', { name: 'Xuất bản', exact: true }).count(), 0);
  await clickAndWait(adminPage, adminPage.getByRole('button', { name: 'Lưu và xuất bản' }), (u) => u.searchParams.get('thong_bao') === 'da-xuat-ban');
  assert.equal((await adminPage.locator('.notice').innerText()).trim(), 'Đã xuất bản bài viết.');
  assert.equal(await adminPage.locator('.page-head .status-published').count(), 1);
  await admin.close();

  // On the home page, and its page opens.
  const reader = await anonymous.newPage();
  await reader.goto(`${base}/`);
  const link = reader.locator(`main a[href$="/tin-tuc/${slug}"]`).first();
  await link.waitFor();
  await Promise.all([reader.waitForURL((u) => u.pathname === `/tin-tuc/${slug}`), link.click()]);
  assert.match(await reader.locator('h1').first().innerText(), new RegExp(title));
  assert.equal((await reader.locator('.article-body h2').innerText()).trim(), `Mục ${id}`);
  assert.equal(await reader.locator('.article-body strong', { hasText: 'đậm nét' }).count(), 1);
  await anonymous.close();
});

test('typed text survives a session that ran out: after logging in again the editor offers it back', { timeout: 120_000 }, async () => {
  const id = unique();
  const editor = await newContext();
  const page = await login(editor, 'bientap');
  await page.goto(`${base}/quan-tri/bai-viet/moi`);
  await page.fill('#title', `Bài giữ nội dung ${id}`);
  await page.selectOption('#category_id', { index: 1 });
  await clickAndWait(page, page.getByRole('button', { name: 'Lưu bản nháp' }), (u) => /^\/quan-tri\/bai-viet\/\d+$/.test(u.pathname));
  const editPath = new URL(page.url()).pathname;
  assert.equal(await page.locator('.draft-banner').count(), 0, 'sau khi lưu không có gì để khôi phục');

  // A long paragraph typed, then the session is gone (expired, or logged out in another tab).
  const typed = `Đoạn dài vừa gõ ${id}: Đại hội đại biểu Đảng bộ huyện lần thứ XXII diễn ra trong ba ngày.`;
  await page.locator('#body').fill(typed);
  await page.waitForTimeout(700); // the copy is kept 500 ms after the last key
  await editor.clearCookies();
  await clickAndWait(page, page.getByRole('button', { name: 'Lưu thay đổi' }), isLoginPage);

  // Logging in again leads back to the editor, which offers the typed text back.
  const loginUrl = page.url();
  const status = await submitLogin(page, 'bientap', DEMO_PASSWORD);
  assert.equal(status, 303);
  await page.waitForURL((u) => u.pathname === editPath).catch((e) => {
    throw new Error(`after login from ${loginUrl}: at ${page.url()}, not ${editPath}: ${e}`);
  });
  assert.equal(await page.locator('#body').inputValue(), '', 'the stored body is still empty');
  const banner = page.locator('.draft-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /chưa được lưu/);
  await banner.getByRole('button', { name: 'Khôi phục nội dung đã gõ' }).click();
  assert.equal(await page.locator('#body').inputValue(), typed);
  await page.locator('#preview p', { hasText: id }).waitFor();
  await clickAndWait(page, page.getByRole('button', { name: 'Lưu thay đổi' }), (u) => u.searchParams.get('thong_bao') === 'da-luu');
  assert.equal(await page.locator('#body').inputValue(), typed);
  // Saved: the kept copy is dropped, the next visit offers nothing.
  await page.reload();
  assert.equal(await page.locator('.draft-banner').count(), 0);
  await editor.close();
});

test('admin uploads a photo to a demo article, edits its caption, and the public page shows it at once', { timeout: 120_000 }, async () => {
  const id = unique();
  const admin = await newContext();
  const page = await login(admin, 'admin');
  const { editPath, publicPath } = await articleWithPhotos(page);
  await page.goto(base + editPath);

  // A real JPEG drawn by the browser, uploaded through the form with a first caption.
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 640;
    c.height = 400;
    const g = c.getContext('2d');
    g.fillStyle = '#9e1b1b';
    g.fillRect(0, 0, 640, 400);
    g.fillStyle = '#ffd400';
    g.fillRect(60, 60, 220, 140);
    return c.toDataURL('image/jpeg', 0.9);
  });
  const first = `Hội trường trước giờ khai mạc ${id}`;
  await page.fill('.upload-form #caption', first);
  await page.setInputFiles('.upload-form #photo', {
    name: `hoi-truong-${id}.jpg`,
    mimeType: 'image/jpeg',
    buffer: Buffer.from(dataUrl.split(',')[1], 'base64'),
  });
  // Text typed in the editor before the upload is not lost by it.
  const body = await page.locator('#body').inputValue();
  const typedLine = `Dòng vừa gõ trước khi tải ảnh ${id}.`;
  await page.locator('#body').fill(`${body}\n\n${typedLine}\n`);
  await clickAndWait(page, page.getByRole('button', { name: 'Tải ảnh lên' }), (u) => u.searchParams.get('thong_bao') === 'da-tai-anh');
  assert.ok((await page.locator('#body').inputValue()).includes(typedLine), 'nội dung đang gõ phải còn sau khi tải ảnh');
  assert.match(await page.locator('.unsaved-note').innerText(), /chưa lưu/);

  // Uploaded but not placed: the editor says so, and the portal does not show it.
  const item = page.locator('.photo-list li', { has: page.locator(`input[name=caption][value="${first}"]`) });
  const photoId = (await item.getAttribute('id')).replace('photo-', '');
  assert.match(await item.locator('.photo-state').innerText(), /Chưa chèn vào bài/);
  const reader = await (await newContext()).newPage();
  const figcaptions = () => reader.$$eval('figcaption', (fs) => fs.map((f) => f.textContent.trim()));
  assert.equal((await reader.goto(base + publicPath)).status(), 200);
  assert.ok(!(await figcaptions()).includes(first), 'ảnh chưa chèn không được hiện trên cổng');

  // Placed in the body and saved: the reader sees it (the page is now in the portal's cache).
  await page.locator('#body').fill(`${await page.locator('#body').inputValue()}\n![](photo:${photoId})\n`);
  await clickAndWait(page, page.getByRole('button', { name: 'Lưu thay đổi' }), (u) => u.searchParams.get('thong_bao') === 'da-luu');
  assert.match(await page.locator(`#photo-${photoId} .photo-state`).innerText(), /Đã chèn/);
  assert.equal(await page.locator(`#photo-${photoId} .delete-photo-form`).count(), 0, 'ảnh đang chèn không có nút xoá');
  await reader.reload();
  assert.ok((await figcaptions()).includes(first), `ảnh mới phải có trên trang công khai; thấy ${JSON.stringify(await figcaptions())}`);
  const img = reader.locator('figure', { hasText: first }).locator('img');
  await img.evaluate((i) => i.decode());
  assert.ok((await img.evaluate((i) => i.naturalWidth)) > 0, 'ảnh tải lên hiển thị được');
  // Its size is written on the page (no jump when it arrives), and phones may take the thumbnail.
  assert.equal(await img.getAttribute('width'), '640');
  assert.equal(await img.getAttribute('height'), '400');
  assert.match(await img.getAttribute('srcset'), /-400\.jpg 400w, .+ 640w$/);

  // The caption form of that photo on the edit page.
  const form = page.locator('.caption-form', { has: page.locator(`input[name=caption][value="${first}"]`) });
  assert.equal(await form.count(), 1, 'ảnh vừa tải lên có ô sửa chú thích');
  const caption = `Đại biểu dự phiên khai mạc ${id} — chú thích đã sửa`;
  await form.locator('input[name=caption]').fill(caption);
  await clickAndWait(page, form.getByRole('button', { name: 'Lưu chú thích' }), (u) => u.searchParams.get('thong_bao') === 'da-luu');
  assert.equal(await page.locator(`.caption-form input[name=caption][value="${caption}"]`).count(), 1);

  // At once: the reader's next load shows the new caption, not the first one.
  await reader.reload();
  const now = await figcaptions();
  assert.ok(now.includes(caption), `trang công khai phải có chú thích mới; thấy ${JSON.stringify(now)}`);
  assert.ok(!now.includes(first), `chú thích cũ phải không còn; thấy ${JSON.stringify(now)}`);
  assert.equal(await reader.locator(`figure img[alt="${caption}"]`).count(), 1, 'ảnh mang chú thích mới làm văn bản thay thế');
  await reader.context().close();

  // A file that is not a picture: refused under the upload form, in the editor, not a dead end.
  await page.setInputFiles('.upload-form #photo', { name: 'bao-cao.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải ảnh') });
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tải ảnh lên' }).click()]);
  await page.locator('#upload-error').waitFor();
  assert.match(await page.locator('#upload-error').innerText(), /Chưa tải được ảnh lên/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'upload-error', 'lỗi tải ảnh được đưa vào tầm nhìn');
  assert.equal(await page.locator('#article-form').count(), 1, 'vẫn ở trang soạn bài');

  // A second photo, not placed, is deleted (after a confirmation).
  await page.setInputFiles('.upload-form #photo', {
    name: `thua-${id}.jpg`,
    mimeType: 'image/jpeg',
    buffer: Buffer.from(dataUrl.split(',')[1], 'base64'),
  });
  await page.fill('.upload-form #caption', `Ảnh thừa ${id}`);
  await clickAndWait(page, page.getByRole('button', { name: 'Tải ảnh lên' }), (u) => u.searchParams.get('thong_bao') === 'da-tai-anh');
  const spare = page.locator('.photo-list li', { has: page.locator(`input[name=caption][value="Ảnh thừa ${id}"]`) });
  const spareId = (await spare.getAttribute('id')).replace('photo-', '');
  page.once('dialog', (d) => d.accept());
  await clickAndWait(page, spare.getByRole('button', { name: `Xoá ảnh số ${spareId}` }), (u) => u.searchParams.get('thong_bao') === 'da-xoa-anh');
  assert.equal(await page.locator(`#photo-${spareId}`).count(), 0, 'ảnh đã xoá không còn trong danh sách');
  await admin.close();
});

test('users: admin adds an editor who logs in; locking ends their session; the last admin cannot lock themself', { timeout: 120_000 }, async () => {
  const id = unique();
  const username = `btv-${id}`;
  const password = `mat-khau-${id}`;
  const admin = await newContext();
  const adminPage = await login(admin, 'admin');
  await createUser(adminPage, { username, displayName: `Biên tập viên Thử ${id}`, password });

  // The new editor logs in in a browser of their own.
  const other = await newContext();
  const userPage = await login(other, username, password);
  assert.match(await userPage.locator('.admin-user').innerText(), new RegExp(`Biên tập viên Thử ${id}`));
  assert.equal(await userPage.locator('.admin-nav a[href="/quan-tri/nguoi-dung"]').count(), 0, 'biên tập viên không thấy mục Người dùng');

  // The administrator locks the account.
  await adminPage.goto(`${base}/quan-tri/nguoi-dung`);
  await clickAndWait(adminPage, adminPage.getByRole('link', { name: username, exact: true }), (u) => /^\/quan-tri\/nguoi-dung\/\d+$/.test(u.pathname));
  await clickAndWait(adminPage, adminPage.getByRole('button', { name: 'Khoá tài khoản' }), (u) => u.searchParams.get('thong_bao') === 'da-khoa');
  assert.equal((await adminPage.locator('.page-head .status-locked').innerText()).trim(), 'Đã khoá');

  // The locked user's next page load is the login page; their password no longer opens a session.
  await userPage.reload();
  assert.ok(isLoginPage(new URL(userPage.url())), `tài khoản bị khoá phải về trang đăng nhập, đang ở ${userPage.url()}`);
  assert.equal(await submitLogin(userPage, username, password), 401);
  assert.equal((await userPage.locator('#login-error').innerText()).trim(), WRONG_CREDENTIALS);
  await other.close();

  // The only administrator tries to lock their own account: refused with the reason.
  await adminPage.goto(`${base}/quan-tri/nguoi-dung`);
  await clickAndWait(adminPage, adminPage.getByRole('link', { name: 'admin', exact: true }), (u) => /^\/quan-tri\/nguoi-dung\/\d+$/.test(u.pathname));
  await Promise.all([
    adminPage.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/khoa')),
    adminPage.getByRole('button', { name: 'Khoá tài khoản' }).click(),
  ]);
  const error = adminPage.locator('#disabled-error');
  await error.waitFor();
  assert.match(await error.innerText(), /Tài khoản «admin» là quản trị viên cuối cùng còn hoạt động nên không thể khoá/);
  await adminPage.goto(`${base}/quan-tri/nguoi-dung`);
  assert.equal(new URL(adminPage.url()).pathname, '/quan-tri/nguoi-dung', 'quản trị viên vẫn đăng nhập');
  const adminRow = adminPage.locator('table.data tr', { has: adminPage.getByRole('link', { name: 'admin', exact: true }) });
  assert.equal(await adminRow.locator('.status-locked').count(), 0, 'tài khoản admin không bị khoá');
  await admin.close();
});

test('five wrong passwords for one name lock that name out with the throttle message', { timeout: 120_000 }, async () => {
  const id = unique();
  const username = `thu-sai-${id}`;
  const password = `dung-roi-${id}`;
  const admin = await newContext();
  await createUser(await login(admin, 'admin'), { username, displayName: `Người thử ${id}`, password });
  await admin.close();

  const ctx = await newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}/quan-tri/dang-nhap`);
  for (let attempt = 1; attempt <= 5; attempt++) {
    assert.equal(await submitLogin(page, username, `sai-lan-${attempt}`), 401, `lần sai thứ ${attempt}`);
    assert.equal((await page.locator('#login-error').innerText()).trim(), WRONG_CREDENTIALS, `lần sai thứ ${attempt}`);
  }
  // Now even the right password is refused, with the throttle message, and no session opens.
  assert.equal(await submitLogin(page, username, password), 429);
  assert.match((await page.locator('#login-error').innerText()).trim(), /^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau khoảng \d+ phút\.$/);
  assert.equal(await page.locator('#username').inputValue(), username, 'tên đăng nhập được giữ lại trong ô');
  await page.goto(`${base}/quan-tri/bai-viet`);
  assert.ok(isLoginPage(new URL(page.url())), 'không có phiên đăng nhập');
  // Another name from the same browser is not affected.
  assert.equal(await submitLogin(page, 'bientap', DEMO_PASSWORD), 303);
  await ctx.close();
});

test('axe: login, article edit, article list and users pages have no serious or critical violation', { timeout: 180_000 }, async () => {
  const anonymous = await newContext();
  const loginPage = await anonymous.newPage();
  await loginPage.goto(`${base}/quan-tri/dang-nhap`);
  await assertAccessible(loginPage, 'trang đăng nhập');
  // With an error shown.
  await submitLogin(loginPage, `khong-co-${unique()}`, 'sai-mat-khau');
  await loginPage.locator('#login-error').waitFor();
  await assertAccessible(loginPage, 'trang đăng nhập có lỗi');
  await anonymous.close();

  const admin = await newContext();
  const page = await login(admin, 'admin');
  const { editPath } = await articleWithPhotos(page);
  await page.goto(base + editPath);
  await assertAccessible(page, 'trang sửa bài (quản trị)');
  await page.goto(`${base}/quan-tri/nguoi-dung`);
  await assertAccessible(page, 'trang người dùng');
  await page.goto(`${base}/quan-tri/bai-viet`);
  await assertAccessible(page, 'danh sách bài viết');
  await admin.close();

  const editor = await newContext();
  const editorPage = await login(editor, 'bientap');
  await editorPage.goto(`${base}/quan-tri/bai-viet/moi`);
  await assertAccessible(editorPage, 'trang viết bài mới (biên tập viên)');
  await editor.close();
});

test('screenshots: users, article edit, article list and audit pages at 1280 px and 390 px, nothing wider than the screen', { timeout: 180_000 }, async () => {
  let editPath;
  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    const ctx = await newContext(options);
    const page = await login(ctx, 'admin');
    editPath ??= (await articleWithPhotos(page)).editPath;
    for (const [name, path, shoot] of [
      ['admin-users', '/quan-tri/nguoi-dung', true],
      ['admin-article-edit', editPath, true],
      ['admin-articles', '/quan-tri/bai-viet', true],
      // The demo's audit log is very long: checked for width, not photographed.
      ['admin-audit', '/quan-tri/nhat-ky', false],
    ]) {
      const res = await page.goto(base + path);
      assert.equal(res.status(), 200, path);
      await page.waitForLoadState('networkidle');
      if (shoot) await page.evaluate(async () => {
        for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
          window.scrollTo(0, y);
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
        }
        window.scrollTo(0, 0);
      });
      await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: WAIT_MS });
      const broken = await page.$$eval('img', (imgs) => imgs.filter((i) => i.naturalWidth === 0).map((i) => i.src));
      assert.deepEqual(broken, [], `${path}: ảnh không tải được`);
      const overflow = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        widest: [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ').join('.') : ''}`),
      }));
      if (shoot) await screenshot(page, `${name}-${device}`);
      assert.ok(overflow.scroll <= overflow.client, `${path} (${device}) tràn ngang: ${overflow.scroll} > ${overflow.client}; ${overflow.widest.join(', ')}`);
    }
    await ctx.close();
  }
});
