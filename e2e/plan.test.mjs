// Đề án nhân sự — the personnel plan of a congress in a real browser: the secretariat draws the
// plan up, builds the seed's slate of 35 (6 women, 11 under 40 on the first day 08/06/2020, 7
// from ethnic minorities) from the rolls, and the compliance panel shows 17,14% and 31,43% (the
// seed rounds the second to 31,4%) with their distance to the targets, met in colour and words;
// axe-core on the plan page, the candidate search and the target form.
//
// The district organization is written straight into the server's SQLite file (the workspace has
// no page that creates a root: the tree's roots come from imports); everything else goes through
// the workspace's pages and forms.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DESKTOP, launchBrowser, PHONE, RESULTS_DIR, runAxe, screenshot, startServer } from './harness.mjs';

/** The demo accounts' password (README). */
const DEMO_PASSWORD = 'daihoi-demo-2026';

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

/** Runs SQL on the server's database with the sqlite3 shell (waits on a busy database). */
function sql(statements) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', join(server.dataDir, 'daihoi.db'), statements], {
    encoding: 'utf8',
  }).trim();
}

/** The first `csrf_token` of the page at `path`. */
async function csrfOf(page, path) {
  await page.goto(`${server.baseURL}${path}`);
  return page.locator('input[name=csrf_token]').first().inputValue();
}

/** POSTs a form through the page's cookies; expects the workspace's 303 and returns its Location. */
async function post(page, path, fields) {
  const res = await page.request.post(`${server.baseURL}${path}`, { form: fields, maxRedirects: 0 });
  assert.equal(res.status(), 303, `POST ${path}: ${res.status()} ${await res.text()}`);
  return res.headers().location;
}

const FAMILY = ['Lò', 'Tòng', 'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hoa', 'Hùng', 'Khánh', 'Lan', 'Long', 'Minh'];

test('the compliance panel shows the seed slate against Chỉ thị 35', async () => {
  const base = server.baseURL;
  const root = Number(
    sql(
      "INSERT INTO organization (code, code_key, name, name_folded, level, members, parent_id, path, depth, created_at, updated_at) " +
        "VALUES ('E2E', 'E2E', 'Đảng bộ huyện Thử Nghiệm', 'dang bo huyen thu nghiem', 'Đảng bộ huyện', 1700, NULL, '', 1, 0, 0); " +
        "UPDATE organization SET path = '/' || id || '/' WHERE code_key = 'E2E'; " +
        "SELECT id FROM organization WHERE code_key = 'E2E';",
    ),
  );
  assert.ok(root > 0);

  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  await page.goto(`${base}/quan-tri/dang-nhap`);
  await page.fill('#username', 'admin');
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/quan-tri/dang-nhap'), page.click('form[action="/quan-tri/dang-nhap"] button[type=submit]')]);

  // A grassroots organization under the district, then the congress, through their forms.
  let csrf = await csrfOf(page, `/dai-hoi/to-chuc/${root}/them`);
  await post(page, `/dai-hoi/to-chuc/${root}/them`, {
    csrf_token: csrf,
    code: 'E2E-01',
    name: 'Đảng bộ xã Trung Đồng',
    level: 'Cơ sở',
    members: '240',
  });
  const congressAt = await post(page, `/dai-hoi/to-chuc/${root}/dai-hoi/them`, {
    csrf_token: csrf,
    term: '2020–2025',
    name: 'Đại hội Đảng bộ huyện Tân Uyên lần thứ XXII',
    planned_start: '08/06/2020',
    planned_end: '10/06/2020',
    delegates: '247',
    quorum: '2/3',
    committee_seats: '35',
  });
  const congress = Number(new URL(congressAt, base).pathname.split('/')[3]);
  assert.ok(congress > 0, congressAt);

  // The rolls: 35 invented people, 6 women, 11 born 09/06/1980 (39 on 08/06/2020), 7 Thái.
  for (let i = 0; i < 35; i += 1) {
    await post(page, `/dai-hoi/to-chuc/${root}/nhan-su/them`, {
      csrf_token: csrf,
      full_name: `${FAMILY[i % FAMILY.length]} Văn ${GIVEN[i % GIVEN.length]} ${String.fromCharCode(65 + (i % 26))}`.replace(
        ' Văn ',
        i < 6 ? ' Thị ' : ' Văn ',
      ),
      sex: i < 6 ? 'Nữ' : 'Nam',
      birth: i < 11 ? '09/06/1980' : '01/03/1970',
      ethnicity: i % 5 === 0 ? 'Thái' : 'Kinh',
      education: '',
      position: '',
      organization_code: i % 2 === 0 ? 'E2E' : 'E2E-01',
      card_number: '',
    });
  }

  // The plan page offers to draw the plan up; the congress page links to it.
  await page.goto(`${base}/dai-hoi/ky/${congress}`);
  await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/de-an')), page.click('a[href$="/de-an"]')]);
  assert.equal(await page.locator('#committee_seats').inputValue(), '35');
  await page.fill('#ethnic_low', '20');
  await page.fill('#ethnic_high', '25');
  await Promise.all([page.waitForURL((u) => u.search.includes('da-lap-de-an')), page.click('button:has-text("Lập đề án")')]);
  assert.match(await page.locator('[role=status]').innerText(), /Đã lập đề án nhân sự/);

  // Two candidates through the search page (without diacritics), the rest by the same form.
  await page.goto(`${base}/dai-hoi/ky/${congress}/de-an/ung-vien?q=lo+thi`);
  const firstAdd = page.locator('form[method=post][action$="/de-an/ung-vien"] button').first();
  await Promise.all([page.waitForURL((u) => u.search.includes('da-them-ung-vien')), firstAdd.click()]);
  assert.match(await page.locator('[role=status]').innerText(), /Đã thêm vào danh sách ứng viên/);
  assert.ok((await page.locator('text=Đã có trong danh sách').count()) >= 1);
  const violationsSearch = await runAxe(page);
  assert.deepEqual(violationsSearch, [], JSON.stringify(violationsSearch, null, 2));

  csrf = await page.locator('input[name=csrf_token]').first().inputValue();
  const ids = sql("SELECT p.id FROM person p JOIN organization o ON o.id = p.organization_id WHERE o.code_key IN ('E2E', 'E2E-01') ORDER BY p.id;").split('\n').map(Number);
  assert.equal(ids.length, 35);
  for (const id of ids) {
    const res = await page.request.post(`${base}/dai-hoi/ky/${congress}/de-an/ung-vien`, {
      form: { csrf_token: csrf, person_id: String(id), q: '' },
      maxRedirects: 0,
    });
    assert.equal(res.status(), 303);
  }

  // One candidate stands again: tick and save in the slate's row.
  await page.goto(`${base}/dai-hoi/ky/${congress}/de-an#danh-sach`);
  const row = page.locator('table.slate tbody tr').first();
  await row.locator('input[name=renominated]').check();
  await row.locator('input[name=marks]').fill('cán bộ trẻ');
  await Promise.all([page.waitForURL((u) => u.search.includes('da-luu')), row.locator('button:has-text("Lưu")').click()]);
  assert.equal(await page.locator('table.slate tbody tr').first().locator('input[name=renominated]').isChecked(), true);

  // The panel: each target with its count, share and distance, met in words and colour.
  const panel = page.locator('#doi-chieu table.compliance');
  const women = panel.locator('tr.target-row', { hasText: 'Nữ' }).first();
  assert.match(await women.innerText(), /6\/35 – 17,14%/);
  assert.match(await women.innerText(), /17,14% — vượt 2,14 điểm % so với chỉ tiêu ≥ 15%/);
  assert.match(await women.locator('.status').innerText(), /Đạt/);
  const young = panel.locator('tr.target-row', { hasText: 'Dưới 40 tuổi' });
  assert.match(await young.innerText(), /11\/35 – 31,43%/);
  assert.match(await young.innerText(), /31,43% — vượt 21,43 điểm % so với chỉ tiêu ≥ 10%/);
  const minority = panel.locator('tr.target-row', { hasText: 'Dân tộc thiểu số' });
  assert.match(await minority.innerText(), /7\/35 – 20,00%/);
  const colour = await women.locator('.status').evaluate((el) => getComputedStyle(el).color);
  assert.equal(colour, 'rgb(20, 83, 45)', 'met is drawn in the "ok" colour too');
  assert.match(await page.locator('#so-du').innerText(), /35 ứng viên cho 35 ủy viên cần bầu: số dư 0 người \(0,00%\)/);
  assert.match(await page.locator('#do-tuoi').innerText(), /Tất cả 35 ứng viên trong độ tuổi/);
  assert.equal(await page.locator('#co-cau svg[role=img]').count(), 4);
  assert.match(await page.locator('#co-cau svg').first().getAttribute('aria-label'), /Nữ 6 · 17,14%/);

  // The same figures as JSON for the logged-in secretariat.
  const res = await page.request.get(`${base}/api/v1/congresses/${congress}/structure`);
  assert.equal(res.status(), 200);
  const json = await res.json();
  assert.deepEqual(
    json.targets.map((t) => [t.label, t.share, t.met]),
    [
      ['Nữ', 17.14, true],
      ['Dưới 40 tuổi', 31.43, true],
      ['Dân tộc thiểu số', 20, true],
    ],
  );

  const violations = await runAxe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(page, 'plan-desktop');
  await page.locator('#doi-chieu').screenshot({ path: join(RESULTS_DIR, 'plan-panel.png') });
  await page.locator('#co-cau').screenshot({ path: join(RESULTS_DIR, 'plan-charts.png') });

  await Promise.all([
    page.waitForURL((u) => u.pathname.includes('/de-an/chi-tieu/')),
    page.click(`a[href^="/dai-hoi/ky/${congress}/de-an/chi-tieu/"]`),
  ]);
  assert.equal(await page.locator('#t-label').inputValue(), 'Nữ');
  const violationsTarget = await runAxe(page);
  assert.deepEqual(violationsTarget, [], JSON.stringify(violationsTarget, null, 2));

  // On a phone the page keeps to the screen: wide tables scroll in their own box.
  const phone = await browser.newContext(PHONE);
  await phone.addCookies(await ctx.cookies());
  const small = await phone.newPage();
  await small.goto(`${base}/dai-hoi/ky/${congress}/de-an`);
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  await small.locator('#doi-chieu').scrollIntoViewIfNeeded();
  await screenshot(small, 'plan-phone', { fullPage: false });
  await phone.close();

  // Anyone without a session gets 401 from the API.
  const stranger = await browser.newContext(DESKTOP);
  const refused = await stranger.request.get(`${base}/api/v1/congresses/${congress}/structure`);
  assert.equal(refused.status(), 401);
  await Promise.all([ctx.close(), stranger.close()]);
});
