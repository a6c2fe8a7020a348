// Đánh giá bài viết — article rating, with JavaScript (fetch, updated in place) and without it
// (a plain form that POSTs and is redirected back with 303). One rating per visitor and article.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { articlePaths, DESKTOP, launchBrowser, parseViDecimal, parseViInt, startServer } from './harness.mjs';

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

const SUMMARY = /Tổng số điểm của bài viết là:\s*([\d.]+)\s*trong\s*([\d.]+)\s*đánh giá/;

/** Reads `#rating-summary` as `{ sum, count }`. */
async function summary(page) {
  const text = (await page.locator('#rating-summary').innerText()).replace(/\s+/g, ' ').trim();
  const m = text.match(SUMMARY);
  assert.ok(m, `#rating-summary không đúng mẫu "Tổng số điểm của bài viết là: X trong Y đánh giá": ${JSON.stringify(text)}`);
  return { sum: parseViInt(m[1]), count: parseViInt(m[2]) };
}

/** Chooses `n` stars the way a person does: clicking the star's label (or the radio itself). */
async function chooseStars(page, n) {
  const radio = page.locator(`#rating-form input[type="radio"][name="stars"][value="${n}"]`);
  assert.equal(await radio.count(), 1, `thiếu ô chọn ${n} sao`);
  const id = await radio.getAttribute('id');
  const label = id ? page.locator(`#rating-form label[for="${id}"]`) : null;
  if (label && (await label.count()) === 1 && (await label.isVisible())) await label.click();
  else await radio.check();
  assert.ok(await radio.isChecked(), `ô ${n} sao phải được chọn`);
}

/** Rating sum and count of one article as the JSON API lists it. */
async function apiRating(request, path) {
  for (let p = 1; p <= 20; p++) {
    const res = await request.get(`${server.baseURL}/api/v1/articles?page=${p}&per_page=50`);
    assert.equal(res.status(), 200);
    const body = await res.json();
    const list = Array.isArray(body) ? body : Object.values(body).find(Array.isArray);
    assert.ok(Array.isArray(list), `/api/v1/articles không có danh sách bài: ${JSON.stringify(body).slice(0, 300)}`);
    const a = list.find((x) => x.slug === path.split('/').pop() || (x.url && new URL(x.url, server.baseURL).pathname === path));
    if (a) {
      const sum = a.rating_sum ?? a.rating?.sum;
      const count = a.rating_count ?? a.rating?.count;
      return { sum, count };
    }
    if (list.length === 0) break;
  }
  throw new Error(`/api/v1/articles không liệt kê ${path}`);
}

test('rating with JavaScript: 4 stars update the block in place; a second rating is refused', async () => {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  const path = paths[0];
  await page.goto(server.baseURL + path);
  const form = page.locator('section#rating form#rating-form');
  assert.equal(await form.getAttribute('method').then((m) => m?.toLowerCase()), 'post');
  assert.equal(new URL(await form.getAttribute('action'), server.baseURL).pathname, `${path}/rating`);
  assert.equal(await page.locator('#rating-form input[type="hidden"][name="csrf_token"]').count(), 1);
  assert.equal(await page.locator('#rating-message').getAttribute('role'), 'status');
  const before = await summary(page);

  let navigations = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations++;
  });
  await page.evaluate(() => {
    window.__sameDocument = true;
  });

  await chooseStars(page, 4);
  const [res1] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`${path}/rating`)),
    page.locator('#rating-form [type="submit"]').click(),
  ]);
  assert.ok(res1.status() >= 200 && res1.status() < 300, `lần đánh giá đầu phải thành công, nhận ${res1.status()}`);
  assert.match(res1.request().headers().accept ?? '', /application\/json/);
  await page.waitForFunction(
    ([s, c]) => {
      const t = document.querySelector('#rating-summary')?.textContent ?? '';
      return t.replace(/\s+/g, ' ').includes(`${s} trong ${c} đánh giá`);
    },
    [String(before.sum + 4).replace(/\B(?=(\d{3})+(?!\d))/g, '.'), String(before.count + 1).replace(/\B(?=(\d{3})+(?!\d))/g, '.')],
  );
  const afterFirst = await summary(page);
  assert.deepEqual(afterFirst, { sum: before.sum + 4, count: before.count + 1 });
  assert.equal(navigations, 0, 'gửi đánh giá bằng JS không được tải lại trang');
  assert.equal(await page.evaluate(() => window.__sameDocument), true);
  const average = parseViDecimal(await page.locator('#rating-average').innerText());
  assert.ok(
    Math.abs(average - afterFirst.sum / afterFirst.count) <= 0.051,
    `điểm trung bình ${average} phải bằng ${afterFirst.sum}/${afterFirst.count}`,
  );
  const okMessage = (await page.locator('#rating-message').innerText()).trim();
  assert.ok(okMessage.length > 0, 'phải có lời báo sau khi đánh giá');

  // Focus is not lost when the pressed button becomes disabled: it moves to the answer.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'rating-message');
  assert.ok(await page.locator('#rating-form fieldset').evaluate((f) => f.disabled), 'sau khi đánh giá, biểu mẫu khoá lại');

  // After a reload the reader sees their own rating, in a form that cannot be sent again.
  await page.reload();
  assert.deepEqual(await summary(page), afterFirst);
  assert.ok(await page.locator('#rating-form fieldset').evaluate((f) => f.disabled));
  assert.ok(await page.locator('#rating-form [type="submit"]').isDisabled());
  assert.ok(await page.locator('#rating-form input[name="stars"][value="4"]').isChecked());
  assert.match((await page.locator('#rating-message').innerText()).trim(), /Bạn đã đánh giá bài viết này 4 sao/);

  // A second attempt sent anyway (the form's token, the same visitor): refused, nothing changes.
  const token = await page.locator('#rating-form input[name="csrf_token"]').inputValue();
  const res2 = await ctx.request.post(`${server.baseURL}${path}/rating`, {
    form: { stars: '2', csrf_token: token },
    headers: { accept: 'application/json', origin: server.baseURL },
  });
  assert.equal(res2.status(), 409, `lần đánh giá thứ hai phải bị từ chối, nhận ${res2.status()}`);
  assert.match((await res2.json()).error.message, /đã đánh giá/);
  assert.deepEqual(await summary(page), afterFirst, 'tổng điểm không được đổi khi bị từ chối');

  // Stored: a reload and the API show the same figures.
  await page.reload();
  assert.deepEqual(await summary(page), afterFirst);
  assert.deepEqual(await apiRating(ctx.request, path), afterFirst);
  await ctx.close();
});

test('rating without JavaScript: the form posts, 303 back, total shown; a second post is refused', async () => {
  const ctx = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
  const page = await ctx.newPage();
  const path = paths[1];
  await page.goto(server.baseURL + path);
  const before = await summary(page);

  const posts = [];
  page.on('response', (r) => {
    if (r.request().method() === 'POST') posts.push({ status: r.status(), location: r.headers().location });
  });

  await chooseStars(page, 5);
  await page.locator('#rating-form [type="submit"]').click();
  await page.waitForLoadState('domcontentloaded');
  assert.equal(posts.length, 1);
  assert.equal(posts[0].status, 303, `POST không JS phải trả 303, nhận ${JSON.stringify(posts[0])}`);
  assert.equal(new URL(posts[0].location, server.baseURL).pathname, path);
  assert.equal(new URL(page.url()).pathname, path);
  const afterFirst = await summary(page);
  assert.deepEqual(afterFirst, { sum: before.sum + 5, count: before.count + 1 });
  const okMessage = (await page.locator('#rating-message').innerText()).trim();
  assert.ok(okMessage.length > 0, 'trang sau 303 phải hiện lời báo');

  // Rated: the page shows the form disabled, with the reader's choice.
  assert.ok(await page.locator('#rating-form fieldset').evaluate((f) => f.disabled), 'sau khi đánh giá, biểu mẫu khoá lại');
  assert.ok(await page.locator('#rating-form input[name="stars"][value="5"]').isChecked());

  // A second post sent anyway (as an old tab would): 303 back with the refusal.
  const token = await page.locator('#rating-form input[name="csrf_token"]').inputValue();
  const second = await ctx.request.post(`${server.baseURL}${path}/rating`, {
    form: { stars: '1', csrf_token: token },
    headers: { origin: server.baseURL },
    maxRedirects: 0,
  });
  assert.equal(second.status(), 303);
  await page.goto(new URL(second.headers().location, server.baseURL).href);
  const refusal = (await page.locator('#rating-message').innerText()).trim();
  assert.ok(refusal.length > 0 && refusal !== okMessage, `phải hiện lời từ chối, thấy ${JSON.stringify(refusal)}`);
  assert.match(refusal, /đã/i);

  // The thanks address opened by someone else thanks no one.
  const stranger = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
  const other = await stranger.newPage();
  await other.goto(`${server.baseURL}${path}?danh-gia=cam-on`);
  assert.equal((await other.locator('#rating-message').innerText()).trim(), '');
  assert.ok(!(await other.locator('#rating-form fieldset').evaluate((f) => f.disabled)));
  await stranger.close();
  await page.goto(server.baseURL + path);
  assert.deepEqual(await summary(page), afterFirst, 'lần gửi thứ hai không được đổi tổng điểm');
  await ctx.close();
});

test('a rating POST without the visitor cookie and form token is refused and changes nothing', async () => {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  const path = paths[0];
  await page.goto(server.baseURL + path);
  const before = await summary(page);
  const token = await page.locator('#rating-form input[name="csrf_token"]').inputValue();

  // No cookie, no token.
  const bare = await fetch(server.baseURL + path + '/rating', {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Mozilla/5.0 e2e' },
    body: 'stars=3',
  });
  assert.ok(bare.status >= 400 && bare.status < 500, `POST không cookie, không token phải bị từ chối, nhận ${bare.status}`);
  // A token but not the cookie of the visitor it was issued to.
  const stolen = await fetch(server.baseURL + path + '/rating', {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Mozilla/5.0 e2e' },
    body: `stars=3&csrf_token=${encodeURIComponent(token)}`,
  });
  assert.ok(stolen.status >= 400 && stolen.status < 500, `token không kèm cookie phải bị từ chối, nhận ${stolen.status}`);
  // The visitor's own cookie with a broken token.
  const forged = await ctx.request.post(server.baseURL + path + '/rating', {
    form: { stars: '3', csrf_token: 'x' + token.slice(1) },
    maxRedirects: 0,
  });
  assert.ok(forged.status() >= 400 && forged.status() < 500, `token giả phải bị từ chối, nhận ${forged.status()}`);
  // Out of range.
  const nine = await ctx.request.post(server.baseURL + path + '/rating', {
    form: { stars: '9', csrf_token: token },
    maxRedirects: 0,
    headers: { accept: 'application/json' },
  });
  assert.ok(nine.status() >= 400 && nine.status() < 500, `stars=9 phải bị từ chối, nhận ${nine.status()}`);

  await page.reload();
  assert.deepEqual(await summary(page), before);
  await ctx.close();
});
