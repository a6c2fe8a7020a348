// Điểm danh — the hall screen in a real browser: a delegate checked in by a code typed on one
// screen appears, without reloading, on a second open screen (server-sent events), the figures
// and the quorum verdict follow, the page passes axe-core, and without JavaScript the same form
// works by POST and redirect.
//
// The demo has no delegates of its own here, so the test writes a small congress (12 delegates
// convened, quorum 2/3 → 8 needed) straight into the server's SQLite file, as the delegate
// management would have.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DESKTOP, PHONE, launchBrowser, pollUntil, runAxe, screenshot, startServer } from './harness.mjs';

const DEMO_PASSWORD = 'daihoi-demo-2026';
const CONGRESS = 900001;
const ORG = 900001;
const NAMES = [
  'Lò Văn Bình', 'Nguyễn Thị An', 'Tòng Văn Cường', 'Lường Thị Dung', 'Hoàng Văn Em', 'Vàng Thị Gấm',
  'Sùng A Hải', 'Lý Thị Hoa', 'Đèo Văn Khánh', 'Quàng Thị Lan', 'Tao Văn Minh', 'Giàng Thị Nga',
];
const code = (i) => `E2E${String(i + 1).padStart(5, '0')}`;

let server;
let browser;

function seed(dataDir) {
  const q = (s) => `'${s.replaceAll("'", "''")}'`;
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  const name = 'Đại hội thử điểm danh (dữ liệu thử)';
  const sql = [
    'BEGIN;',
    `INSERT INTO organization (id, code, code_key, name, name_folded, level, members, parent_id, path, depth, created_at, updated_at)
     VALUES (${ORG}, 'E2E', 'E2E', ${q('Đảng bộ thử')}, ${q(fold('Đảng bộ thử'))}, ${q('Huyện')}, 300, NULL, '/${ORG}/', 1, 0, 0);`,
    `INSERT INTO congress (id, organization_id, term_start, term_end, name, name_folded, status, created_at, updated_at)
     VALUES (${CONGRESS}, ${ORG}, 2020, 2025, ${q(name)}, ${q(fold(name))}, 'preparing', 0, 0);`,
    ...NAMES.map(
      (n, i) => `INSERT INTO delegate (id, congress_id, kind, full_name, name_folded, organization_id, status, check_in_code, created_at, updated_at)
       VALUES (${CONGRESS + i}, ${CONGRESS}, 'elected', ${q(n)}, ${q(fold(n))}, ${ORG}, 'convened', '${code(i)}', 0, 0);`,
    ),
    'COMMIT;',
  ].join('\n');
  execFileSync('sqlite3', ['-bail', join(dataDir, 'daihoi.db')], { input: `PRAGMA busy_timeout = 5000;\n${sql}` });
}

async function loggedIn(options) {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  await page.goto(`${server.baseURL}/quan-tri/dang-nhap`);
  await page.fill('#username', 'admin');
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/quan-tri/dang-nhap"] button[type=submit]')]);
  return { ctx, page };
}

const hallURL = () => `${server.baseURL}/dai-hoi/ky/${CONGRESS}/diem-danh`;
const figure = (page, name) => page.locator(`#hall [data-figure="${name}"]`).first().innerText();

before(async () => {
  server = await startServer();
  seed(server.dataDir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  const exit = await server?.stop();
  assert.equal(exit?.code, 0, `daihoi serve phải dừng êm khi nhận SIGTERM, nhận ${JSON.stringify(exit)}`);
});

test('a code typed on one screen is seen live on a second open screen', async () => {
  const desk = await loggedIn(DESKTOP);
  const wall = await loggedIn(DESKTOP);
  for (const p of [desk.page, wall.page]) {
    const res = await p.goto(hallURL());
    assert.equal(res.status(), 200);
    // The stream's first snapshot has arrived: the screen is live.
    await pollUntil(async () => (await p.locator('#hall').getAttribute('data-live')) === '1', { what: 'luồng sự kiện mở' });
  }
  assert.equal(await figure(wall.page, 'present'), '0');
  assert.equal(await figure(wall.page, 'needed'), '8');
  assert.equal(await figure(wall.page, 'verdict'), 'CHƯA ĐỦ');
  assert.equal(await desk.page.evaluate(() => document.activeElement?.id), 'code', 'the code field has the focus');

  // Typed in small letters with a space, sent with Enter.
  await desk.page.fill('#code', 'e2e 00003');
  await desk.page.press('#code', 'Enter');
  await pollUntil(async () => (await desk.page.locator('#checkin-result').innerText()).includes('Tòng Văn Cường'), {
    what: 'câu trả lời trên màn hình điểm danh',
  });
  assert.equal(await desk.page.inputValue('#code'), '', 'the field is emptied for the next card');

  // The second screen follows without reloading.
  const row = wall.page.locator(`#dai-bieu-${CONGRESS + 2}`);
  await pollUntil(async () => (await row.getAttribute('data-state')) === 'present', { what: 'dòng đại biểu trên màn hình thứ hai' });
  assert.equal(await row.locator('.state-label').innerText(), 'Có mặt');
  assert.equal(await figure(wall.page, 'present'), '1');

  // Seven more cards scanned in a row, faster than the answers come back (as a card scanner
  // types): none is lost. 8 of 12 present meets 2/3, on both screens.
  for (let i = 3; i < 10; i++) {
    await desk.page.fill('#code', code(i));
    await desk.page.press('#code', 'Enter');
  }
  await pollUntil(async () => (await figure(desk.page, 'present')) === '8', { what: 'có mặt 8 trên màn hình gõ mã' });
  await pollUntil(async () => (await figure(wall.page, 'present')) === '8', { what: 'có mặt 8 trên màn hình thứ hai' });
  assert.equal(await figure(wall.page, 'verdict'), 'ĐỦ');

  // A wrong code is refused on the screen that typed it; nothing moves on the other.
  await desk.page.fill('#code', 'KHONGCO1');
  await desk.page.press('#code', 'Enter');
  await pollUntil(async () => (await desk.page.locator('#checkin-result .form-error').count()) === 1, { what: 'thông báo lỗi' });
  assert.match(await desk.page.locator('#checkin-result').innerText(), /Không có đại biểu nào mang mã «KHONGCO1»/);
  assert.equal(await desk.page.getAttribute('#code', 'aria-invalid'), 'true');

  // The public figures agree.
  const api = await (await fetch(`${server.baseURL}/api/v1/congresses/${CONGRESS}/attendance`)).json();
  assert.deepEqual(api, { convened: 12, present: 8, quorum_needed: 8, quorum_met: true });

  const violations = await runAxe(wall.page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(wall.page, 'checkin-hall-desktop');
  await Promise.all([desk.ctx.close(), wall.ctx.close()]);
});

test('without JavaScript the hall screen works by POST and redirect, and on a phone it passes axe', async () => {
  const plain = await loggedIn({ ...DESKTOP, javaScriptEnabled: false });
  await plain.page.goto(hallURL());
  assert.equal(await plain.page.locator('#scan-start').isVisible(), false, 'no camera button without the script');
  await plain.page.fill('#code', code(11));
  await Promise.all([plain.page.waitForNavigation(), plain.page.press('#code', 'Enter')]);
  assert.match(plain.page.url(), /thong_bao=da-diem-danh/);
  assert.match(await plain.page.locator('.last-checkin').innerText(), /Giàng Thị Nga/);
  assert.equal(await plain.page.locator(`#dai-bieu-${CONGRESS + 11}`).getAttribute('data-state'), 'present');
  await plain.ctx.close();

  const phone = await loggedIn(PHONE);
  await phone.page.goto(hallURL());
  const violations = await runAxe(phone.page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(phone.page, 'checkin-hall-phone');
  await phone.ctx.close();
});
