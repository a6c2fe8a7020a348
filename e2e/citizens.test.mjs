// Lịch công tác, Hỏi đáp, Liên hệ — in the browser: the schedule's week navigation, its print
// button and its printed week on one A4 landscape page; a citizen's question (refused when sent
// too fast, with what was typed kept; received after a few seconds); its moderation in the
// administration and publication; the asker's contact on no public page. axe on each page,
// screenshots on a desktop and a phone.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, launchBrowser, PHONE, runAxe, screenshot, sleep, startServer } from './harness.mjs';

const DEMO_PASSWORD = 'daihoi-demo-2026';
const WAIT_MS = 15000;
let server;
let browser;
let base;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  base = server.baseURL;
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

/** Serious or critical axe violations of the page, as text. */
async function seriousAxe(page) {
  const bad = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return bad.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target).join(', ')}`).join('\n');
}

/** Content wider than the screen, in pixels (0 when none). */
async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('the schedule: week navigation, print button, one A4 landscape page', async () => {
  const ctx = await newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}/lich-cong-tac`);
  const title = await page.locator('#week-title').innerText();
  assert.match(title, /^Tuần \d{2} năm \d{4} \(từ \d{2}\/\d{2}\/\d{4} đến \d{2}\/\d{2}\/\d{4}\)$/);
  const weekdays = await page.locator('table.schedule .weekday').allInnerTexts();
  assert.deepEqual(weekdays, ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']);
  // The navigation bar marks the schedule as current.
  assert.equal(await page.locator('.main-nav a[aria-current="page"]').innerText(), 'Lịch công tác');
  // This week has no "Tuần này" link; the next week has one that leads back.
  assert.equal(await page.locator('[data-week="current"]').count(), 0);
  const thisWeekUrl = page.url();
  await Promise.all([page.waitForURL(/\/lich-cong-tac\/\d{4}-W\d{2}$/), page.click('[data-week="next"]')]);
  const nextWeek = new URL(page.url()).pathname.split('/').pop();
  assert.notEqual(await page.locator('#week-title').innerText(), title);
  await Promise.all([page.waitForURL(/\/lich-cong-tac\/\d{4}-W\d{2}$/), page.click('[data-week="previous"]')]);
  await Promise.all([page.waitForURL(/\/lich-cong-tac\/\d{4}-W\d{2}$/), page.click('[data-week="previous"]')]);
  const previousWeek = new URL(page.url()).pathname.split('/').pop();
  assert.notEqual(previousWeek, nextWeek);
  await Promise.all([page.waitForURL((u) => u.pathname === '/lich-cong-tac'), page.click('[data-week="current"]')]);
  assert.equal(page.url(), thisWeekUrl);
  assert.equal(await page.locator('#week-title').innerText(), title);

  // The demo's fortnight of entries: the week holding "Giao ban" is this one or one of the two
  // before (the demo's reference day may be moved back a little, never forward).
  let demoWeek = null;
  for (const path of ['/lich-cong-tac', `/lich-cong-tac/${previousWeek}`]) {
    await page.goto(`${base}${path}`);
    if ((await page.locator('table.schedule').innerText()).includes('Chào cờ đầu tuần')) {
      demoWeek = path;
      break;
    }
  }
  if (!demoWeek) {
    const earlier = await page.locator('[data-week="previous"]').getAttribute('href');
    await page.goto(`${base}${earlier}`);
    assert.match(await page.locator('table.schedule').innerText(), /Chào cờ đầu tuần/);
    demoWeek = earlier;
  }
  assert.match(await page.locator('table.schedule').innerText(), /Hội nghị Ban Thường vụ Huyện ủy/);
  // The dates are dd/mm/yyyy and the week's Monday is the first.
  const dates = await page.locator('table.schedule tbody th time').allInnerTexts();
  assert.equal(dates.length, 7);
  for (const d of dates) assert.match(d, /^\d{2}\/\d{2}\/\d{4}$/);
  const monday = await page.locator('table.schedule tbody th time').first().getAttribute('datetime');
  assert.equal(new Date(`${monday}T00:00:00Z`).getUTCDay(), 1, `${monday} là thứ Hai`);

  // The print button is shown by the script and prints (window.print is called).
  const button = page.locator('[data-action="print-schedule"]');
  assert.ok(await button.isVisible(), 'nút in hiện khi có JavaScript');
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed += 1;
    };
  });
  await button.click();
  assert.equal(await page.evaluate(() => window.__printed), 1);

  // Printed: the navigation and the button are gone, and the week fits one A4 landscape page.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.week-nav').isVisible(), false);
  assert.equal(await page.locator('.site-header').isVisible(), false);
  // page.pdf prints with the print media unless screen media is emulated: back to none.
  await page.emulateMedia({ media: null });
  const pdfBytes = await page.pdf({ preferCSSPageSize: true });
  const pdf = pdfBytes.toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? [];
  assert.equal(pages.length, 1, `lịch tuần in ra ${pages.length} trang`);
  const box = pdf.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  assert.ok(box, 'PDF có MediaBox');
  const [w, h] = [Number(box[1]), Number(box[2])];
  assert.ok(Math.abs(w - 841.9) < 2 && Math.abs(h - 595.3) < 2, `khổ giấy ${w}×${h} pt, cần A4 ngang`);

  assert.equal(await seriousAxe(page), '', 'axe: lịch công tác (máy tính)');
  await screenshot(page, 'schedule-desktop');
  await ctx.close();

  const phone = await newContext(PHONE);
  const p = await phone.newPage();
  await p.goto(`${base}${demoWeek}`);
  assert.ok((await overflow(p)) <= 0, `điện thoại: tràn ngang ${await overflow(p)}px`);
  assert.equal(await seriousAxe(p), '', 'axe: lịch công tác (điện thoại)');
  await screenshot(p, 'schedule-phone');
  await phone.close();
});

const SUBJECT = 'Thời gian tiếp công dân của Thường trực Huyện ủy';
const QUESTION = 'Xin cho biết lịch tiếp công dân định kỳ trong tháng này.\nTôi muốn phản ánh về đường vào bản.';
const CONTACT = 'e2e.nguoi.hoi@example.vn';

test('a question: refused when too fast, received, moderated, published without its contact', async () => {
  const ctx = await newContext(PHONE);
  const page = await ctx.newPage();
  await page.goto(`${base}/hoi-dap`);
  assert.match(await page.locator('.questions-head').innerText(), /Có 3 câu hỏi đã được trả lời/);
  await page.click('.questions-head a.button');
  await page.waitForURL('**/hoi-dap/gui-cau-hoi');
  await page.fill('#cf-name', 'Lường Văn Tiến');
  await page.fill('#cf-contact', CONTACT);
  await page.fill('#cf-subject', SUBJECT);
  await page.fill('#cf-text', QUESTION);
  // The honeypot is not on screen and not reachable by keyboard.
  assert.equal(await page.locator('#cf-website').getAttribute('tabindex'), '-1');
  const box = await page.locator('#cf-website').boundingBox();
  assert.ok(!box || box.x + box.width <= 0, 'ô bẫy nằm ngoài màn hình');
  // Sent at once: refused as too fast, everything typed is still there.
  await Promise.all([page.waitForLoadState(), page.click('.citizen-form button[type=submit]')]);
  await page.locator('#form-refusal').waitFor();
  assert.match(await page.locator('#form-refusal').innerText(), /quá nhanh/);
  assert.equal(await page.inputValue('#cf-subject'), SUBJECT);
  assert.equal(await page.inputValue('#cf-text'), QUESTION);
  assert.equal(await page.inputValue('#cf-contact'), CONTACT);
  assert.equal(await seriousAxe(page), '', 'axe: biểu mẫu bị từ chối');
  await screenshot(page, 'ask-refused-phone');
  // A person takes a few seconds: the same form is then received.
  await sleep(3500);
  await Promise.all([page.waitForLoadState(), page.click('.citizen-form button[type=submit]')]);
  await page.locator('#form-received').waitFor();
  assert.match(await page.locator('#form-received').innerText(), /Đã nhận câu hỏi của bạn/);
  await ctx.close();

  // Moderation: the admin finds it among the pending questions, answers and publishes it.
  const admin = await newContext();
  const a = await admin.newPage();
  await a.goto(`${base}/quan-tri/dang-nhap`);
  await a.fill('#username', 'admin');
  await a.fill('#password', DEMO_PASSWORD);
  await Promise.all([a.waitForURL((u) => u.pathname === '/quan-tri/bai-viet'), a.click('form[action="/quan-tri/dang-nhap"] button[type=submit]')]);
  await a.click('.admin-nav a[href="/quan-tri/hoi-dap"]');
  await a.waitForURL('**/quan-tri/hoi-dap');
  const row = a.getByRole('link', { name: SUBJECT });
  assert.match(await a.locator('table.data').innerText(), new RegExp(CONTACT.replace(/\./g, '\\.')));
  assert.equal(await seriousAxe(a), '', 'axe: danh sách hỏi đáp (quản trị)');
  await Promise.all([a.waitForURL(/\/quan-tri\/hoi-dap\/\d+$/), row.click()]);
  const id = new URL(a.url()).pathname.split('/').pop();
  await a.fill('#answer', 'Thường trực Huyện ủy tiếp công dân vào sáng thứ Tư tuần thứ hai hằng tháng tại Ban Tiếp công dân huyện.');
  assert.equal(await seriousAxe(a), '', 'axe: trả lời câu hỏi (quản trị)');
  await screenshot(a, 'admin-question-desktop');
  await Promise.all([a.waitForURL(/thong_bao=da-dang-cau-hoi/), a.click('button[value="dang"]')]);
  assert.match(await a.locator('.notice').innerText(), /Đã đăng câu hỏi/);
  await admin.close();

  // Published: on the list, on its page, in the feed and the search — and the contact nowhere.
  for (const [device, options] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const reader = await newContext(options);
    const r = await reader.newPage();
    await r.goto(`${base}/hoi-dap`);
    assert.match(await r.locator('.question-list').innerText(), new RegExp(SUBJECT));
    await Promise.all([r.waitForURL(`**/hoi-dap/${id}`), r.getByRole('link', { name: SUBJECT }).click()]);
    const text = await r.locator('main').innerText();
    assert.match(text, /sáng thứ Tư tuần thứ hai/);
    assert.match(text, /Lường Văn Tiến/);
    assert.doesNotMatch(await r.content(), /e2e\.nguoi\.hoi|example\.vn/);
    assert.ok((await overflow(r)) <= 0, `${device}: tràn ngang`);
    assert.equal(await seriousAxe(r), '', `axe: câu hỏi đã đăng (${device})`);
    await screenshot(r, `question-${device}`);
    await r.goto(`${base}/hoi-dap`);
    assert.equal(await seriousAxe(r), '', `axe: hỏi đáp (${device})`);
    await screenshot(r, `questions-${device}`);
    await reader.close();
  }
  for (const path of ['/hoi-dap/rss.xml', '/sitemap-pages.xml', '/api/v1/search?q=tiep+cong+dan', '/tim-kiem?q=tiep+cong+dan']) {
    const body = await (await fetch(`${base}${path}`)).text();
    assert.ok(body.includes(`/hoi-dap/${id}`), `${path} có câu hỏi`);
    assert.ok(!body.includes('e2e.nguoi.hoi'), `${path} không có thông tin liên hệ`);
  }
});

test('the contact page: the form, axe, screenshots', async () => {
  for (const [device, options] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const ctx = await newContext(options);
    const page = await ctx.newPage();
    await page.goto(`${base}/lien-he`);
    assert.equal(await page.locator('.main-nav a[aria-current="page"]').innerText(), 'Liên hệ');
    await page.locator('form.citizen-form').waitFor();
    assert.ok((await overflow(page)) <= 0, `${device}: tràn ngang`);
    assert.equal(await seriousAxe(page), '', `axe: liên hệ (${device})`);
    await screenshot(page, `contact-${device}`);
    await ctx.close();
  }
});

test('high contrast: the schedule, the question form with a refusal, the questions and the contact page', async () => {
  for (const [device, options] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const ctx = await newContext(options);
    await ctx.addInitScript(() => localStorage.setItem('daihoi.contrast', 'high'));
    const page = await ctx.newPage();
    for (const path of ['/lich-cong-tac', '/hoi-dap', '/lien-he']) {
      await page.goto(`${base}${path}`);
      assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-contrast')), 'high');
      assert.equal(await seriousAxe(page), '', `axe, tương phản cao: ${path} (${device})`);
    }
    // A refused form (errors by field) in high contrast.
    await page.goto(`${base}/hoi-dap/gui-cau-hoi`);
    await page.fill('#cf-contact', 'không phải địa chỉ');
    await sleep(3500); // past the ticket's 3 s: the refusal is by field
    await Promise.all([page.waitForLoadState(), page.click('.citizen-form button[type=submit]')]);
    await page.locator('#form-refusal').waitFor();
    assert.equal(await page.locator('#cf-contact').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#cf-contact-error').innerText(), /«không phải địa chỉ» không hợp lệ/);
    assert.equal(await seriousAxe(page), '', `axe, tương phản cao: biểu mẫu bị từ chối (${device})`);
    await screenshot(page, `ask-refused-high-${device}`);
    await ctx.close();
  }
});
