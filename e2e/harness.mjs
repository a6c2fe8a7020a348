// Harness of the browser tests: starts one `daihoi serve` on a free loopback port with a fresh
// data directory (SQLite, demo data loaded on first start), launches Debian's headless Chromium
// through playwright-core, and offers the small helpers the tests share.
//
// Every test file calls `startServer()` once in `before` and `stop()` in `after`, so each file
// sees a fresh demo portal and the files do not disturb one another's figures.

import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));

/** Folder for screenshots and failure artefacts (git-ignored). */
export const RESULTS_DIR = join(here, 'test-results');

/** The Chromium the tests drive: Debian's package, never a downloaded build. */
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

/** Flags that keep Chromium quiet, local and reproducible. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The figures of the seed's statistics block, which a fresh demo reproduces. */
export const SEED_STATS = {
  today: 1934,
  yesterday: 16075,
  month: 519209,
  year: 3292009,
  total: 62883393,
};

/** The six figures of `#visit-stats`, in page order of the contract. */
export const STAT_NAMES = ['online', 'today', 'yesterday', 'month', 'year', 'total'];

/** Vietnamese number format of the contract: `62.883.393`. */
export const VI_NUMBER = /^\d{1,3}(\.\d{3})*$/;

/** Parses a Vietnamese-formatted integer (`62.883.393` → 62883393). */
export function parseViInt(text) {
  const t = String(text).trim();
  if (!VI_NUMBER.test(t)) throw new Error(`không phải số dạng Việt Nam: ${JSON.stringify(t)}`);
  return Number(t.replaceAll('.', ''));
}

/** Parses a Vietnamese decimal (`4,5` or `1.234,5`) into a number. */
export function parseViDecimal(text) {
  const m = String(text).match(/\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?/);
  if (!m) throw new Error(`không tìm thấy số trong ${JSON.stringify(text)}`);
  return Number(m[0].replaceAll('.', '').replace(',', '.'));
}

/** Asks the kernel for a free loopback port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** User-Agent of the harness's own `/healthz` probes: a bot by any crawler filter. */
export const HEALTHCHECK_UA = 'daihoi-e2e-healthcheck-bot/1.0';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn` until it returns a value other than `undefined`/`false`, at most `timeoutMs`.
 * Returns that value; throws with `what` and the last value seen otherwise.
 */
export async function pollUntil(fn, { timeoutMs = 15000, intervalMs = 100, what = 'điều kiện' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  let lastErr;
  for (;;) {
    try {
      last = await fn();
      if (last !== undefined && last !== false) return last;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `hết ${timeoutMs} ms chờ ${what}; giá trị cuối: ${JSON.stringify(last)}${lastErr ? `; lỗi cuối: ${lastErr.message}` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

/**
 * Starts `$DAIHOI_BIN serve` on a free port with a fresh data directory.
 * `extraArgs` are appended (e.g. `['--no-demo']`). Returns `{ baseURL, port, dataDir, log(), stop() }`.
 * `stop()` sends SIGTERM, waits for the exit and returns `{ code, signal }`.
 */
export async function startServer({ extraArgs = [], dataDir } = {}) {
  const bin = process.env.DAIHOI_BIN;
  if (!bin) throw new Error('DAIHOI_BIN is not set: point it at the daihoi binary (target/debug/daihoi)');
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'daihoi-e2e-'));
  const port = await freePort();
  const env = { ...process.env, RUST_LOG: process.env.RUST_LOG || 'warn' };
  // The database must be the fresh SQLite file in the data dir, whatever the caller's environment.
  delete env.DATABASE_URL;
  const child = spawn(bin, ['serve', '--listen', `127.0.0.1:${port}`, '--data-dir', dir, ...extraArgs], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let exitInfo = null;
  exited.then((info) => {
    exitInfo = info;
  });

  const baseURL = `http://127.0.0.1:${port}`;
  // Loading the demo (photos, history) in a debug build can take a while on 2 cores.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exitInfo) {
      throw new Error(`daihoi serve đã dừng trước khi sẵn sàng (${JSON.stringify(exitInfo)}):\n${output}`);
    }
    try {
      const res = await fetch(`${baseURL}/healthz`, { headers: { 'user-agent': HEALTHCHECK_UA } });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`daihoi serve không trả lời /healthz sau 120 s:\n${output}`);
    }
    await sleep(150);
  }

  return {
    baseURL,
    port,
    dataDir: dir,
    pid: child.pid,
    log: () => output,
    async stop({ removeDataDir = !dataDir } = {}) {
      if (!exitInfo) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const info = await exited;
      clearTimeout(timer);
      if (removeDataDir) rmSync(dir, { recursive: true, force: true });
      return info;
    },
  };
}

/** Launches headless Debian Chromium. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * User-Agent of the tests' visitors: an ordinary desktop Chrome. Headless Chromium's own string
 * says "HeadlessChrome", which a crawler filter may rightly count as a bot.
 */
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

/** User-Agent of the phone visitor. */
export const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';

/** Desktop context options (the tests' default visitor). */
export const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN', userAgent: BROWSER_UA };

/** Phone context options (390 px wide, touch). */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
  userAgent: PHONE_UA,
};

/**
 * Records every request a page makes, so a test can assert that none left the loopback server.
 * Returns the live array of URLs.
 */
export function recordRequests(page) {
  const urls = [];
  page.on('request', (req) => urls.push(req.url()));
  return urls;
}

/** The URLs among `urls` that do not go to the test server (data: URLs are local too). */
export function foreignRequests(urls, baseURL) {
  const origin = new URL(baseURL).origin;
  return urls.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
}

/** Path of the first article linked from the home page (`/tin-tuc/<slug>`). */
export async function articlePaths(page, baseURL) {
  await page.goto(`${baseURL}/`);
  const hrefs = await page.$$eval('main a[href*="/tin-tuc/"]', (as) => as.map((a) => new URL(a.href).pathname));
  const paths = [...new Set(hrefs.filter((p) => /^\/tin-tuc\/[^/]+$/.test(p)))];
  if (paths.length < 2) throw new Error(`trang chủ cần ít nhất 2 liên kết bài viết, thấy: ${JSON.stringify(hrefs)}`);
  return paths;
}

/** Reads the six figures of `#visit-stats` as numbers (also checks their format). */
export async function pageStats(page) {
  const texts = {};
  for (const name of STAT_NAMES) {
    texts[name] = (await page.locator(`#visit-stats [data-stat="${name}"]`).innerText()).trim();
  }
  const numbers = {};
  for (const [k, v] of Object.entries(texts)) numbers[k] = parseViInt(v);
  return { texts, numbers };
}

/**
 * Reads `/api/v1/stats/visits` through a Playwright request context (pass the context of a
 * visitor that already has its visit cookie, so reading does not itself add a visit).
 */
export async function apiStats(request, baseURL) {
  const res = await request.get(`${baseURL}/api/v1/stats/visits`, { headers: { accept: 'application/json' } });
  if (!res.ok()) throw new Error(`/api/v1/stats/visits trả ${res.status()}: ${await res.text()}`);
  return res.json();
}

/** The text of axe-core's browser bundle. */
export function axeSource() {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
}

/**
 * Runs axe-core in `page` (WCAG 2.0/2.1 A and AA rules) and returns its violations.
 * The script is evaluated through the DevTools protocol, which the page's CSP
 * (`script-src 'self'`) does not govern, so the page is tested with its real policy in force.
 */
export async function runAxe(page) {
  const cdp = await page.context().newCDPSession(page);
  const loaded = await cdp.send('Runtime.evaluate', { expression: `${axeSource()}\n;typeof axe` });
  await cdp.detach();
  if (loaded.result?.value !== 'object') throw new Error(`không nạp được axe-core: ${JSON.stringify(loaded)}`);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
}

/** Saves a screenshot under `e2e/test-results/<name>.png` and returns its path. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
