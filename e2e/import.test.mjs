// Nhập danh sách — a district secretariat imports organizations from an Excel file in a real
// browser: the upload page passes axe-core, a small XLSX built here is checked (the counts), then
// chosen again, confirmed and imported; the new organizations appear on the district's page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, launchBrowser, runAxe, screenshot, startServer } from './harness.mjs';

const DEMO_PASSWORD = 'daihoi-demo-2026';
const WAIT_MS = 30_000;

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

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of `files` ({ name: text }), stored without compression. */
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const escapeXml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A one-sheet XLSX workbook of `rows` (arrays of text or numbers), with inline strings. */
function xlsx(rows) {
  const col = (i) => String.fromCharCode(65 + i);
  const sheetRows = rows
    .map((cells, r) => {
      const xml = cells
        .map((v, c) => {
          const ref = `${col(c)}${r + 1}`;
          return typeof v === 'number'
            ? `<c r="${ref}"><v>${v}</v></c>`
            : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${xml}</row>`;
    })
    .join('');
  const ns = 'http://schemas.openxmlformats.org';
  return zip({
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Tổ chức" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
  });
}

test('a secretariat checks an Excel file of organizations, imports it and sees them', async () => {
  const base = server.baseURL;
  const ctx = await browser.newContext(DESKTOP);
  ctx.setDefaultTimeout(WAIT_MS);
  ctx.setDefaultNavigationTimeout(WAIT_MS);
  const found = await (await fetch(`${base}/api/v1/organizations?q=${encodeURIComponent('Tân Uyên')}`)).json();
  const district = found.items.find((o) => /Tân Uyên/.test(o.name) && /huyện/i.test(o.name)) ?? found.items[0];
  assert.ok(district, 'the demo has the district of Tân Uyên');

  const page = await ctx.newPage();
  await page.goto(`${base}/quan-tri/dang-nhap`);
  await page.fill('#username', 'vanphong.tanuyen');
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForLoadState(), page.click('form[action="/quan-tri/dang-nhap"] button[type=submit]')]);

  await page.goto(`${base}/dai-hoi/to-chuc/${district.id}`);
  await page.click('a[href$="/nhap/to-chuc"]');
  assert.match(await page.locator('h1').innerText(), /^Nhập danh sách tổ chức/);
  let violations = await runAxe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));

  const file = {
    name: 'to-chuc-moi.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: xlsx([
      ['Mã', 'Tên tổ chức', 'Mã cấp trên', 'Cấp', 'Số đảng viên'],
      ['TU-E2E-1', 'Chi bộ thử nghiệm Nà Phát', 'TU', 'Chi bộ', 14],
      ['TU-E2E-2', 'Chi bộ thử nghiệm Hô Be', 'TU', 'Chi bộ', 9],
    ]),
  };
  await page.setInputFiles('#tep', file);
  await Promise.all([page.waitForLoadState(), page.click('form:has(#tep) button[type=submit]')]);
  assert.match(await page.locator('#check-heading').innerText(), /to-chuc-moi\.xlsx/);
  assert.equal(await page.locator('.import-counts dd').first().innerText(), '2');
  violations = await runAxe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(page, 'congress-import-checked');

  await page.setInputFiles('#tep-nhap', file);
  await page.check('#xac_nhan');
  await Promise.all([page.waitForLoadState(), page.click('form:has(#tep-nhap) button[type=submit]')]);
  assert.match(await page.locator('[role=status]').innerText(), /Đã nhập tệp «to-chuc-moi\.xlsx»: thêm 2, cập nhật 0, không đổi 0\./);
  violations = await runAxe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));

  await page.click(`a[href="/dai-hoi/to-chuc/${district.id}"]:has-text("Xem các tổ chức")`);
  const children = await page.locator('table.data').last().innerText();
  assert.match(children, /Chi bộ thử nghiệm Nà Phát/);
  assert.match(children, /Chi bộ thử nghiệm Hô Be/);
  await ctx.close();
});
