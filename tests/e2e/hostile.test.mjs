// Hostile inputs in the page (issue 14, item 2): zip bombs, nesting 100 000 levels deep, a 20 MB
// text file, binary garbage named .txt, mixed encodings, broken and looping PDFs, 10 000 table
// rows, a 10 MB line. Each is generated at run time into a temporary folder and chosen through the
// file picker. For each: the file is listed with a verdict, or as unreadable with a Chinese
// message (English second); no page error; and the page stays usable afterwards (the seed,
// pasted, gives 有警告 for its one slip). The CLI's suite (crates/cli/tests/hostile.rs) also bounds memory.
// Run by scripts/e2e.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { url, out, seed, fixtures, executablePath, args } from './common.mjs';

let context;
let profile;
let dir;

before(async () => {
  assert.ok(url, 'APP_URL is not set (run through scripts/e2e.sh)');
  mkdirSync(out, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'nianbao-e2e-'));
  dir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-hostile-'));
  context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args });
});

after(async () => {
  if (context) await context.close();
  for (const d of [profile, dir]) if (d) rmSync(d, { recursive: true, force: true });
});

// ---- Inputs --------------------------------------------------------------------------------

/** A zip of [name, bytes, deflate?] members, with true CRCs and sizes. */
function zip(members) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, data, deflate] of members) {
    const body = deflate ? deflateRawSync(data, { level: 9 }) : data;
    const n = Buffer.from(name);
    const head = (sig, extra) => {
      const h = Buffer.alloc(26 + extra.length);
      sig.copy(h, 0);
      extra.copy(h, 4);
      let p = 4 + extra.length;
      h.writeUInt16LE(0, p); h.writeUInt16LE(deflate ? 8 : 0, p + 2); h.writeUInt32LE(0, p + 4);
      h.writeUInt32LE(crc32(data), p + 8); h.writeUInt32LE(body.length, p + 12);
      h.writeUInt32LE(data.length, p + 16); h.writeUInt16LE(n.length, p + 20);
      return h;
    };
    const local = Buffer.concat([head(Buffer.from('PK\x03\x04', 'latin1'), Buffer.from([20, 0])), Buffer.alloc(2), n, body]);
    const c = Buffer.concat([head(Buffer.from('PK\x01\x02', 'latin1'), Buffer.from([20, 0, 20, 0])), Buffer.alloc(12), Buffer.alloc(4), n]);
    c.writeUInt32LE(offset, c.length - n.length - 4);
    locals.push(local);
    central.push(c);
    offset += local.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.write('PK\x05\x06', 0, 'latin1');
  end.writeUInt16LE(members.length, 8); end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const TYPES = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
const HEAD = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const para = (t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
const docx = (xml, deflate = true) => zip([['[Content_Types].xml', TYPES, false], ['word/document.xml', xml, deflate]]);

/** A PDF of the given objects (1 is the catalog) with a correct cross-reference table. */
function pdf(objects) {
  let body = '%PDF-1.7\n';
  const offsets = [];
  objects.forEach((o, i) => { offsets.push(Buffer.byteLength(body, 'latin1')); body += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
const stream = (dict, data) => `<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream`;

const N = 100000;
const bomb = () => {
  const xml = Buffer.alloc(128 << 20, 0x61);
  Buffer.from(`${HEAD}${para('一、总体情况')}<w:p><w:r><w:t>`).copy(xml);
  return docx(xml);
};
const cases = [
  { name: 'bomb-deflate.docx', make: bomb, unreadable: /解压后过大/ },
  { name: 'bomb-nested.docx', make: () => docx(zip([['bomb.docx', bomb(), false]]), false) },
  {
    name: 'deep.docx',
    make: () => docx(Buffer.from(`${HEAD}${'<w:tbl><w:tr><w:tc>'.repeat(N)}${para('一、总体情况')}${'</w:tc></w:tr></w:tbl>'.repeat(N)}</w:body></w:document>`)),
  },
  {
    name: 'deep.html',
    make: () => Buffer.from(`<html><body>${'<div>'.repeat(N)}${'<table><tr><td>'.repeat(N)}<p>一、总体情况</p>${'</td></tr></table>'.repeat(N)}${'</div>'.repeat(N)}</body></html>`),
  },
  { name: 'big-20mb.txt', make: () => Buffer.from(seed.repeat(Math.ceil((20 << 20) / Buffer.byteLength(seed)))), read: true },
  {
    name: 'garbage.txt',
    make: () => {
      const b = Buffer.alloc(1 << 20);
      let x = 12345;
      for (let i = 0; i < b.length; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; b[i] = x >> 16; }
      return b;
    },
    unreadable: /二进制|不是文本|编码/,
  },
  {
    name: 'mixed-gbk-utf8.txt',
    make: () => {
      const gbk = readFileSync(join(fixtures, 'page', 'seed-gbk.txt'));
      return Buffer.concat([gbk, Buffer.from('（二）部分公开 ✓ UTF-8 段落\n'), gbk]);
    },
  },
  {
    name: 'broken-xref.pdf',
    make: () => {
      const b = Buffer.from(readFileSync(join(fixtures, 'pdf', 'seed.txt.pdf')));
      for (let i = b.lastIndexOf('\nxref') + 1; i < b.length; i++) if (b[i] >= 0x30 && b[i] <= 0x39) b[i] = 0x37;
      return b;
    },
    // the page reads PDFs through the reader module: the catalog is found by the rebuild
    read: true,
  },
  {
    name: 'loop.pdf',
    make: () => pdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>',
      stream('', '/X Do '.repeat(200000)),
      stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 5 0 R >> >>', '/X Do'),
    ]),
    unreadable: /PDF/,
  },
  {
    // The seed's six pages and 995 blank ones added by an incremental update: one past the
    // reader's cap of 1 000 pages. Read, checked, and READ-INCOMPLETE says what was left out.
    name: 'pages-1001.pdf',
    make: () => {
      const good = readFileSync(join(fixtures, 'pdf', 'seed.html.pdf'));
      const text = good.toString('latin1');
      const kids = ' 3 0 R 7 0 R 8 0 R 9 0 R 10 0 R 11 0 R';
      assert.ok(text.includes(`4 0 obj\n<< /Count 6 /Kids [${kids} ]`));
      const at = text.lastIndexOf('startxref');
      const prev = Number(text.slice(at + 9).trim().split(/\s+/)[0]);
      const blank = Array.from({ length: 995 }, (_, i) => 25 + i);
      const objects = [
        [4, `<< /Type /Pages /Count 1001 /Kids [${kids}${blank.map((n) => ` ${n} 0 R`).join('')} ] /MediaBox [ 0 0 841.889763779528 595.303937007874 ] /Resources 6 0 R >>`],
        [24, stream('', '')],
        ...blank.map((n) => [n, '<< /Type /Page /Parent 4 0 R /Contents 24 0 R >>']),
      ];
      let body = '';
      const entries = [];
      for (const [n, o] of objects) {
        entries.push([n, good.length + Buffer.byteLength(body, 'latin1')]);
        body += `${n} 0 obj\n${o}\nendobj\n`;
      }
      const xref = good.length + Buffer.byteLength(body, 'latin1');
      body += 'xref\n';
      for (const [n, off] of entries) body += `${n} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
      body += `trailer\n<< /Size ${25 + 995} /Root 1 0 R /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
      return Buffer.concat([good, Buffer.from(body, 'latin1')]);
    },
    read: true,
    shows: /文件只读取了前1000页/,
  },
  {
    name: 'rows-10000.txt',
    make: () => {
      const at = seed.indexOf('二、上年结转');
      let rows = '';
      for (let i = 0; i < 10000; i++) rows += `其他事项${i}\t1\t2\t3\t4\t5\t6\t21\n`;
      return Buffer.from(seed.slice(0, at) + rows + seed.slice(at));
    },
    read: true,
  },
  {
    name: 'line-10mb.txt',
    make: () => {
      const line = `${seed.replace(/\n/g, ' ')}1234567890`;
      return Buffer.from(line.repeat(Math.ceil((10 << 20) / Buffer.byteLength(line))));
    },
  },
];

// ---- The page ------------------------------------------------------------------------------

async function open() {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console.error: ${m.text()}`); });
  page.on('crash', () => errors.push('page crashed'));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 20000 });
  return { page, errors };
}

for (const c of cases) {
  test(`hostile input ${c.name}: a verdict or a Chinese reason, and the page still works`, { timeout: 600000 }, async () => {
    const path = join(dir, c.name);
    writeFileSync(path, c.make());
    const { page, errors } = await open();
    await page.setInputFiles('#file', path);
    await page.waitForSelector('#files[data-state="done"]', { timeout: 300000 });
    const [f] = await page.$$eval('#file-list li', (lis) => lis.map((li) => ({
      name: li.getAttribute('data-name'), verdict: li.getAttribute('data-verdict'), text: li.textContent,
    })));
    assert.equal(f.name, c.name);
    assert.ok(['pass', 'warn', 'fail', 'unreadable'].includes(f.verdict), JSON.stringify(f));
    if (c.read) assert.notEqual(f.verdict, 'unreadable', JSON.stringify(f));
    if (c.unreadable) assert.equal(f.verdict, 'unreadable', JSON.stringify(f));
    if (f.verdict === 'unreadable') {
      await page.waitForSelector('#message[data-kind="unreadable"]');
      const zh = await page.textContent('#message p[lang="zh-CN"]');
      const en = await page.textContent('#message p[lang="en"]');
      assert.match(zh, /[\u4e00-\u9fff]/, zh);
      if (c.unreadable) assert.match(zh, c.unreadable);
      assert.ok(en.trim().length > 0, 'an English message too');
      console.log(`${c.name}: unreadable: ${zh.trim()}`);
    } else {
      await page.waitForSelector('#verdict');
      if (c.shows) assert.match(await page.textContent('#app'), c.shows);
      console.log(`${c.name}: ${f.verdict}`);
    }
    await page.screenshot({ path: join(out, `hostile-${c.name.replace(/[^a-z0-9.]/gi, '_')}.png`), fullPage: true });
    // The page is still usable: the seed, pasted, gets its verdict (有警告: its slip 等反面).
    await page.fill('#input', seed);
    await page.click('#check');
    await page.waitForSelector('#source[data-origin="paste"]', { timeout: 60000 });
    await page.waitForSelector('#verdict');
    assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'warn');
    assert.match(await page.textContent('#verdict'), /有警告/);
    assert.deepEqual(errors, []);
    await page.close();
    rmSync(path, { force: true });
  });
}
