// End-to-end test of the release page (Trunk dist/) in Debian's Chromium through playwright-core
// (no browser download). Run by scripts/e2e.sh, which serves dist/ and sets APP_URL.
//   APP_URL=http://127.0.0.1:PORT/ node --test tests/e2e/
// Env: CHROMIUM (default /usr/bin/chromium), E2E_OUT (screenshots; default target/e2e).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';
import { root, url, out, seed, fixture, fixtures, executablePath, args } from './common.mjs';

let context;
let profile;
/** Removed after the run (the generated 32 MiB file). */
const tempDirs = [];

before(async () => {
  assert.ok(url, 'APP_URL is not set (run through scripts/e2e.sh)');
  mkdirSync(out, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'nianbao-e2e-'));
  context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args });
});

after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

/** Opens the page; every console error, page error and HTTP status >= 400 is collected. */
async function open() {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 20000 });
  return { page, errors };
}

async function check(page, text) {
  await page.fill('#input', text);
  await page.click('#check');
}

test('page loads: title, form, no errors', async () => {
  const { page, errors } = await open();
  assert.equal(await page.title(), '政府信息公开工作年度报告校验');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('#check'), '校验');
  assert.equal(await page.getAttribute('#result', 'aria-live'), 'polite');
  assert.ok(await page.$('label[for="input"]'), 'textarea has a label');
  assert.deepEqual(errors, []);
  await page.close();
});

test('seed report: 洛阳市科学技术局 2024, 2021 format, passes; identity 0 = 0 in all 7 columns', async () => {
  const { page, errors } = await open();
  await check(page, seed);
  await page.waitForSelector('#verdict');
  assert.equal(await page.textContent('#agency'), '洛阳市科学技术局');
  assert.equal(await page.textContent('#year'), '2024');
  assert.equal(await page.getAttribute('#format', 'data-format'), '2021');
  assert.match(await page.textContent('#format'), /2021年版/);
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'warn');
  assert.match(await page.textContent('#verdict'), /有警告/);

  const identity = await page.$$eval('#identity [data-col]', (rows) =>
    rows.map((r) => ({
      col: r.getAttribute('data-col'),
      outcome: r.getAttribute('data-outcome'),
      left: r.getAttribute('data-left'),
      right: r.getAttribute('data-right'),
      text: r.textContent,
    })));
  assert.deepEqual(identity.map((r) => r.col), ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']);
  for (const r of identity) {
    assert.equal(r.outcome, 'pass', JSON.stringify(r));
    assert.equal(r.left, '0', JSON.stringify(r));
    assert.equal(r.right, '0', JSON.stringify(r));
    assert.match(r.text, /0 = 0/, JSON.stringify(r));
  }

  assert.equal(await page.textContent('#t3 td[data-key="T3.R1.C1"]'), '0');
  // national header: 自然人 and 总计 span two header rows, 法人或其他组织 over C2…C6
  const heads = await page.$$eval('#t3 thead th[data-col]', (ths) =>
    ths.map((t) => [t.getAttribute('data-col'), t.textContent]).sort().map((x) => x[1]));
  assert.deepEqual(heads, ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  assert.match(await page.textContent('#t3 thead'), /申请人情况[\s\S]*法人或其他组织/);
  assert.equal(await page.$$eval('#t3 td[data-key]', (tds) => tds.length) % 7, 0);

  await page.screenshot({ path: join(out, 'seed.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('empty input: asks for the report, in Chinese then English', async () => {
  const { page, errors } = await open();
  await check(page, '');
  await page.waitForSelector('#message');
  assert.equal(await page.getAttribute('#message', 'data-kind'), 'empty');
  const text = await page.textContent('#result');
  assert.match(text, /请先粘贴年度报告全文/);
  assert.match(text, /Please paste/);
  await page.screenshot({ path: join(out, 'empty.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('text that is not a report: explains why, in Chinese', async () => {
  const { page, errors } = await open();
  await check(page, '今天天气很好，我们去公园散步。这不是一份年度报告。');
  await page.waitForSelector('#message');
  assert.equal(await page.getAttribute('#message', 'data-kind'), 'unreadable');
  const zh = await page.textContent('#message p[lang="zh-CN"]');
  assert.ok(zh.trim().length > 0, 'a Chinese message');
  assert.match(zh, /[\u4e00-\u9fff]/);
  assert.equal(await page.$('#verdict'), null);
  await page.screenshot({ path: join(out, 'not-a-report.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('blank cells are marked blank, never 0; the verdict shows the errors', async () => {
  const { page, errors } = await open();
  await check(page, fixture('05_blank_total.txt'));
  await page.waitForSelector('#verdict');
  for (const key of ['T3.R3a.C2', 'T3.R3a.C7']) {
    const td = `#t3 td[data-key="${key}"]`;
    assert.equal(await page.getAttribute(td, 'data-state'), 'blank', key);
    assert.equal(await page.textContent(`${td} .v`), '（空白）', key);
  }
  assert.equal(await page.textContent('#t3 td[data-key="T3.R3a.C1"] .v'), '3');
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'fail');
  assert.match(await page.textContent('#verdict'), /有错误/);
  assert.ok(await page.$('#findings li[data-rule="CELL-BLANK"][data-severity="error"]'), 'CELL-BLANK error listed');
  await page.screenshot({ path: join(out, 'blank.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('placeholders are shown as printed; the identity is not assessable there', async () => {
  const { page, errors } = await open();
  await check(page, fixture('06_placeholders.txt'));
  await page.waitForSelector('#verdict');
  const shown = await page.$$eval('#t3 tr[data-row="R2"] td', (tds) =>
    tds.map((t) => [t.getAttribute('data-state'), t.querySelector('.v').textContent]));
  assert.deepEqual(shown.slice(0, 3), [['placeholder', '/'], ['placeholder', '—'], ['placeholder', '无']]);
  const outcomes = await page.$$eval('#identity [data-col]', (rows) => rows.map((r) => r.getAttribute('data-outcome')));
  assert.deepEqual(outcomes.slice(0, 3), ['not_assessable', 'not_assessable', 'not_assessable']);
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'warn');
  assert.match(await page.textContent('#verdict'), /有警告/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a broken identity is shown as failed with both sums', async () => {
  const { page, errors } = await open();
  await check(page, fixture('15_two_errors.txt'));
  await page.waitForSelector('#verdict');
  const c1 = await page.$eval('#identity [data-col="C1"]', (r) => ({
    outcome: r.getAttribute('data-outcome'), left: r.getAttribute('data-left'), right: r.getAttribute('data-right'),
  }));
  assert.equal(c1.outcome, 'fail');
  assert.notEqual(c1.left, c1.right);
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'fail');
  assert.ok((await page.$$('#findings li[data-severity="error"]')).length >= 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('browser without WebAssembly (--jitless): a clear message instead of a blank page', async () => {
  // Stand-in for IE / 360 兼容模式 / JIT-disabled policies (browser-floor.md §5.2).
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-jitless-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath, headless: true, args: args.concat(['--js-flags=--jitless']),
  });
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    const errors = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
    await page.goto(url, { waitUntil: 'load' });
    assert.equal(await page.evaluate(() => typeof WebAssembly), 'undefined');
    await page.waitForSelector('#app[data-state="failed"] #message[data-kind="load"]', { timeout: 10000 });
    assert.match(await page.textContent('#message'), /不支持 WebAssembly/);
    await page.screenshot({ path: join(out, 'no-wasm.png') });
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- Files, drag and drop, clipboard HTML -------------------------------------------------

/** Chooses files through the 选择文件 input and waits until the list has them all. */
async function pick(page, files) {
  await page.setInputFiles('#file', files);
  const n = Array.isArray(files) ? files.length : 1;
  await page.waitForSelector('#files[data-state="done"]', { timeout: 20000 });
  assert.equal(await page.$$eval('#file-list li', (lis) => lis.length), n);
}

/** The list as data: name, kind, verdict, counts, the summary text and which one is shown. */
async function fileList(page) {
  return page.$$eval('#file-list li', (lis) => lis.map((li) => ({
    name: li.getAttribute('data-name'),
    kind: li.getAttribute('data-kind'),
    verdict: li.getAttribute('data-verdict'),
    errors: Number(li.getAttribute('data-errors')),
    warnings: Number(li.getAttribute('data-warnings')),
    text: li.textContent,
    current: li.querySelector('button').getAttribute('aria-current') === 'true',
  })));
}

/** The seed's result is on screen: the page still works after whatever came before. */
async function assertSeedShown(page) {
  await page.waitForSelector('#verdict');
  assert.equal(await page.textContent('#agency'), '洛阳市科学技术局');
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'warn');
}

const seedPath = join(fixtures, 'seed.txt');
// Fixtures of the HTML and Word readers (crates/core/tests/html.rs, docx.rs).
const htmlSeed = join(fixtures, 'html', 'seed-2021.html');
const docxSeed = join(fixtures, 'docx', 'seed.docx');
const wordClipboard = join(fixtures, 'html', 'word-clipboard-2021.html');

test('file picker: a visible, labelled 选择文件 button; seed.txt is read and shown', async () => {
  const { page, errors } = await open();
  assert.equal(await page.textContent('#pick'), '选择文件');
  assert.ok(await page.isVisible('#pick'), '选择文件 is visible');
  assert.equal(await page.getAttribute('#file', 'type'), 'file');
  assert.notEqual(await page.getAttribute('#file', 'multiple'), null);
  assert.ok(await page.isHidden('#files'), 'no list before a file is chosen');
  // keyboard: the button is in the tab order right after 校验
  await page.focus('#check');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'pick');

  await pick(page, seedPath);
  const list = await fileList(page);
  assert.deepEqual(list.map((f) => [f.name, f.kind, f.verdict, f.current]), [['seed.txt', 'text', 'warn', true]]);
  assert.match(list[0].text, /有警告/);
  await assertSeedShown(page);
  assert.equal(await page.getAttribute('#source', 'data-origin'), 'file');
  assert.match(await page.textContent('#source'), /seed\.txt/);
  assert.equal(await page.textContent('#t3 td[data-key="T3.R1.C1"]'), '0');
  await page.screenshot({ path: join(out, 'file-seed.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a GBK-encoded text file is read (browser TextDecoder gb18030), not refused', async () => {
  const { page, errors } = await open();
  const gbk = join(fixtures, 'page', 'seed-gbk.txt');
  // the fixture really is GBK: not valid UTF-8
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(gbk)));
  await pick(page, gbk);
  const [f] = await fileList(page);
  assert.equal(f.kind, 'text');
  assert.equal(f.verdict, 'warn', f.text);
  assert.match(f.text, /GBK/);
  await assertSeedShown(page);
  assert.match(await page.textContent('#source'), /GBK/);
  await page.screenshot({ path: join(out, 'file-gbk.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('two files at once: a list with both verdicts; each opens by keyboard', async () => {
  const { page, errors } = await open();
  await pick(page, [
    { name: 'seed.txt', mimeType: 'text/plain', buffer: readFileSync(seedPath) },
    { name: '两处错误.txt', mimeType: 'text/plain', buffer: Buffer.from(fixture('15_two_errors.txt'), 'utf8') },
  ]);
  const list = await fileList(page);
  assert.deepEqual(list.map((f) => [f.name, f.kind, f.verdict, f.current]), [
    ['seed.txt', 'text', 'warn', true],
    ['两处错误.txt', 'text', 'fail', false],
  ]);
  assert.ok(list[1].errors >= 1, JSON.stringify(list[1]));
  assert.match(list[0].text, /有警告/);
  assert.match(list[1].text, new RegExp(`有错误（错误 ${list[1].errors} 项`));
  await assertSeedShown(page);

  // open the second with the keyboard
  await page.focus('#file-list li:nth-child(2) button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#verdict[data-verdict="fail"]');
  assert.match(await page.textContent('#source'), /两处错误\.txt/);
  assert.equal(await page.getAttribute('#identity [data-col="C1"]', 'data-outcome'), 'fail');
  const after = await fileList(page);
  assert.deepEqual(after.map((f) => f.current), [false, true]);
  await page.screenshot({ path: join(out, 'files-two.png'), fullPage: true });

  // and back to the first with Space
  await page.focus('#file-list li:nth-child(1) button');
  await page.keyboard.press(' ');
  await page.waitForSelector('#verdict[data-verdict="warn"]');
  assert.deepEqual((await fileList(page)).map((f) => f.current), [true, false]);

  // 校验 of the box shows the box's result again, and no file is marked as shown
  await check(page, seed);
  await page.waitForSelector('#source[data-origin="paste"]');
  assert.deepEqual((await fileList(page)).map((f) => f.current), [false, false]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('drop anywhere on the page: a hint while dragging, the file is read, no navigation', async () => {
  const { page, errors } = await open();
  const before = page.url();
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], '拖入的报告.txt', { type: 'text/plain' }));
    return d;
  }, seed);
  const fire = (type, selector) => page.evaluate(([type, selector, d]) => {
    const ev = new DragEvent(type, { dataTransfer: d, bubbles: true, cancelable: true });
    // true when the page cancelled the browser's own handling (opening the file)
    return !document.querySelector(selector).dispatchEvent(ev);
  }, [type, selector, dt]);

  assert.ok(await page.isHidden('#drop-hint'));
  assert.equal(await fire('dragenter', 'header h1'), true);
  assert.equal(await fire('dragover', 'footer'), true);
  assert.ok(await page.isVisible('#drop-hint'), 'the drop hint shows while dragging');
  assert.match(await page.textContent('#drop-hint'), /松开鼠标即可校验文件/);
  assert.equal(await page.getAttribute('#app', 'data-dragging'), 'true');
  await page.screenshot({ path: join(out, 'drop-hint.png') });
  assert.equal(await fire('drop', 'footer'), true, 'drop is cancelled: the browser does not open the file');
  assert.ok(await page.isHidden('#drop-hint'), 'the hint goes away after the drop');

  await page.waitForSelector('#files[data-state="done"]');
  assert.deepEqual((await fileList(page)).map((f) => [f.name, f.verdict]), [['拖入的报告.txt', 'warn']]);
  await assertSeedShown(page);

  // a dragged link dropped outside the text box does not navigate either
  const prevented = await page.evaluate(() => {
    const d = new DataTransfer();
    d.setData('text/uri-list', 'https://example.com/');
    const over = new DragEvent('dragover', { dataTransfer: d, bubbles: true, cancelable: true });
    const drop = new DragEvent('drop', { dataTransfer: d, bubbles: true, cancelable: true });
    return [!document.body.dispatchEvent(over), !document.body.dispatchEvent(drop)];
  });
  assert.deepEqual(prevented, [true, true]);
  // a drag that leaves the window hides the hint
  await fire('dragenter', 'main');
  assert.ok(await page.isVisible('#drop-hint'));
  await fire('dragleave', 'main');
  assert.ok(await page.isHidden('#drop-hint'));

  assert.equal(page.url(), before);
  await page.screenshot({ path: join(out, 'drop.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

/** Dispatches a paste of `html` + `text` into the box; true when the page cancelled the default. */
function pasteInto(page, html, text) {
  return page.evaluate(([html, text]) => {
    const d = new DataTransfer();
    if (html !== null) d.setData('text/html', html);
    d.setData('text/plain', text);
    const input = document.getElementById('input');
    input.focus();
    const ev = new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true });
    return !input.dispatchEvent(ev);
  }, [html, text]);
}

test('paste from Word or a browser: clipboard HTML (Word\'s, from the HTML reader\'s fixtures) is kept for checking, the box shows the text', async () => {
  const { page, errors } = await open();
  const html = readFileSync(wordClipboard, 'utf8');
  // what a browser puts beside it as text/plain: the rendered text
  const text = await page.evaluate((h) => new DOMParser().parseFromString(h, 'text/html').body.innerText, html);
  assert.equal(await pasteInto(page, html, text), true);
  assert.equal(await page.inputValue('#input'), text, 'the box shows the plain text');
  assert.ok(await page.isVisible('#paste-note'));
  assert.match(await page.textContent('#paste-note'), /已读取网页\/Word 表格格式/);
  await page.click('#check');
  await page.waitForSelector('#verdict');
  assert.equal(await page.getAttribute('#source', 'data-origin'), 'paste');
  assert.equal(await page.getAttribute('#source', 'data-kind'), 'html');
  assert.match(await page.textContent('#source'), /粘贴的网页\/Word 表格格式/);
  assert.equal(await page.textContent('#agency'), '示例县农业农村局');
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'warn');
  await page.screenshot({ path: join(out, 'paste-html.png'), fullPage: true });

  // editing the text drops the HTML: the box is checked as it reads
  await page.type('#input', ' ');
  assert.ok(await page.isHidden('#paste-note'));
  await page.click('#check');
  await page.waitForSelector('#source[data-kind="text"]');
  assert.deepEqual(errors, []);
  await page.close();
});

test('paste: HTML that is not a report falls back to the plain text; plain-text pastes are untouched', async () => {
  const { page, errors } = await open();
  assert.equal(await pasteInto(page, '<html><body><p>页面导航</p><img src="x.png"></body></html>', seed), true);
  assert.equal(await page.inputValue('#input'), seed);
  assert.ok(await page.isVisible('#paste-note'));
  await page.click('#check');
  await page.waitForSelector('#verdict');
  assert.equal(await page.getAttribute('#source', 'data-kind'), 'text');
  assert.match(await page.textContent('#source'), /已按纯文本校验/);
  await assertSeedShown(page);

  // 改用框中文字校验: drop the HTML by hand
  await pasteInto(page, '<p>x</p>', seed);
  assert.ok(await page.isVisible('#paste-note'));
  await page.click('#paste-plain');
  assert.ok(await page.isHidden('#paste-note'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'input');

  // plain text only on the clipboard: the browser pastes it as before (not cancelled)
  assert.equal(await pasteInto(page, null, '表三'), false);
  assert.ok(await page.isHidden('#paste-note'));
  // HTML pasted into the middle of other text: only the text is used
  await page.fill('#input', 'abc');
  await page.evaluate(() => document.getElementById('input').setSelectionRange(1, 1));
  assert.equal(await pasteInto(page, '<p>x</p>', 'x'), false);
  assert.ok(await page.isHidden('#paste-note'));
  assert.deepEqual(errors, []);
  await page.close();
});

/** A .docx cut short in download: the first 3000 bytes of the seed document. */
function truncatedZip() {
  return readFileSync(docxSeed).subarray(0, 3000);
}

/** Random bytes with NULs, like an image or an executable. */
function garbage() {
  const b = Buffer.alloc(4096);
  let x = 12345;
  for (let i = 0; i < b.length; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; b[i] = x >> 16; }
  b[10] = 0;
  return b;
}

let big;
function bigFile() {
  if (!big) {
    tempDirs.push(mkdtempSync(join(tmpdir(), 'nianbao-e2e-big-')));
    big = join(tempDirs[tempDirs.length - 1], 'huge.txt');
    writeFileSync(big, Buffer.alloc(32 * 1024 * 1024 + 1, 0x20));
  }
  return big;
}

const badInputs = [
  { label: 'binary garbage', file: () => ({ name: 'photo.bin', mimeType: 'application/octet-stream', buffer: garbage() }), zh: /二进制|不是文本/ },
  { label: 'a truncated zip', file: () => ({ name: '报告.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: truncatedZip() }), zh: /文件不完整/ },
  { label: 'an empty file', file: () => ({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }), zh: /文件是空的/ },
  // generated at run time in a temporary directory (a path: no 32 MB transfer over CDP), never
  // stored in the repository
  { label: 'a file over 32 MiB', file: bigFile, zh: /文件过大（32\.1 MB），超过 32 MB/ },
  { label: 'an HTML page without a report', file: () => ({ name: 'index.html', mimeType: 'text/html', buffer: Buffer.from('<!doctype html><html><head><meta charset="utf-8"><title>首页</title></head><body><p>欢迎访问本网站。</p><p>联系我们</p></body></html>') }), zh: /未识别为政府信息公开工作年度报告|HTML/ },
];

for (const bad of badInputs) {
  test(`bad input, ${bad.label}: a clear Chinese message (English second), and the page keeps working`, async () => {
    const { page, errors } = await open();
    const file = bad.file();
    const name = typeof file === 'string' ? basename(file) : file.name;
    await pick(page, [file]);
    const [f] = await fileList(page);
    assert.equal(f.name, name);
    assert.equal(f.verdict, 'unreadable', JSON.stringify(f));
    assert.match(f.text, /无法读取/);
    await page.waitForSelector('#message[data-kind="unreadable"]');
    const zh = await page.textContent('#message p[lang="zh-CN"]');
    const en = await page.textContent('#message p[lang="en"]');
    assert.match(zh, bad.zh);
    assert.ok(en.trim().length > 0, 'an English message too');
    assert.equal(await page.$('#verdict'), null);
    await page.screenshot({ path: join(out, `bad-${name.replace(/[^a-z.]/gi, '_')}.png`), fullPage: true });
    // the next input works
    await pick(page, seedPath);
    await assertSeedShown(page);
    await check(page, seed);
    await page.waitForSelector('#source[data-origin="paste"]');
    await assertSeedShown(page);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('bad and good files in one batch: every file listed with its verdict', async () => {
  const { page, errors } = await open();
  const files = badInputs.filter((b) => !/32 MiB/.test(b.label)).map((b) => b.file());
  files.push({ name: 'seed.txt', mimeType: 'text/plain', buffer: readFileSync(seedPath) });
  await pick(page, files);
  const list = await fileList(page);
  assert.deepEqual(list.map((f) => f.verdict), ['unreadable', 'unreadable', 'unreadable', 'unreadable', 'warn']);
  await page.click('#file-list li:last-child button');
  await assertSeedShown(page);
  await page.screenshot({ path: join(out, 'files-batch.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('an HTML file (saved web page) through the picker', async () => {
  const { page, errors } = await open();
  await pick(page, htmlSeed);
  const [f] = await fileList(page);
  assert.equal(f.kind, 'html', JSON.stringify(f));
  assert.match(f.text, /网页/);
  await page.waitForSelector('#verdict');
  assert.equal(await page.getAttribute('#source', 'data-kind'), 'html');
  assert.equal(await page.textContent('#agency'), '洛阳市科学技术局');
  assert.equal(f.verdict, 'warn', JSON.stringify(f));
  await page.screenshot({ path: join(out, 'file-html.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a Word document (.docx) through the picker', async () => {
  const { page, errors } = await open();
  await pick(page, docxSeed);
  const [f] = await fileList(page);
  assert.equal(f.kind, 'docx', JSON.stringify(f));
  assert.match(f.text, /Word 文档/);
  await page.waitForSelector('#verdict');
  assert.equal(await page.getAttribute('#source', 'data-kind'), 'docx');
  assert.equal(await page.textContent('#agency'), '洛阳市科学技术局');
  assert.equal(f.verdict, 'warn', JSON.stringify(f));
  assert.equal(await page.textContent('#t3 td[data-key="T3.R1.C1"]'), '0');
  await page.screenshot({ path: join(out, 'file-docx.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

// ---- Result view: tables, highlights, findings, exports, English, print, XSS --------------

/** The mark of a cell: data-mark, badge, hidden text, value and frame style. */
function cellMark(page, key) {
  return page.$eval(`td[data-key="${key}"]`, (td) => ({
    mark: td.getAttribute('data-mark'),
    state: td.getAttribute('data-state'),
    value: td.querySelector('.v').textContent,
    badge: td.querySelector('.badge') ? td.querySelector('.badge').textContent : null,
    hidden: td.querySelector('.sr-only') ? td.querySelector('.sr-only').textContent : null,
    outline: getComputedStyle(td).outlineStyle,
  }));
}

test('all three tables in the national layout, every cell with its data-key', async () => {
  const { page, errors } = await open();
  await check(page, seed);
  await page.waitForSelector('#verdict');
  // 表二 (2021): four 第二十条 captions, 10 cells
  const captions = await page.$$eval('#t2 tr.caption th', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(captions, ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
  assert.equal(await page.$$eval('#t2 td[data-key]', (tds) => tds.length), 10);
  assert.equal(await page.getAttribute('#t2 td[data-key="T2.licensing"]', 'colspan'), '3');
  // 表三: group rowspans of the 2021 layout
  const groups = await page.$$eval('#t3 th.group', (ths) => ths.map((t) => [t.textContent, t.getAttribute('rowspan')]));
  assert.deepEqual(groups, [['三、本年度办理结果', '22'], ['（三）不予公开', '8'], ['（四）无法提供', '3'], ['（五）不予处理', '5'], ['（六）其他处理', '3']]);
  assert.equal(await page.$$eval('#t3 td[data-key]', (tds) => tds.length), 25 * 7);
  // 表四: 行政复议 5 + 行政诉讼 10, 15 cells in national order
  const t4 = await page.$$eval('#t4 td[data-key]', (tds) => tds.map((t) => t.getAttribute('data-key')));
  assert.equal(t4.length, 15);
  assert.deepEqual([t4[0], t4[5], t4[14]], ['T4.RV.m', 'T4.LD.m', 'T4.LR.t']);
  assert.equal(await page.getAttribute('#t4 thead tr:first-child th:last-child', 'colspan'), '10');
  assert.equal(await page.$$eval('#result td[data-mark]', (tds) => tds.length), 0, 'no marks on a passing report');
  assert.ok(await page.$('#rules dt#rule-T3-IDENTITY'), 'rules panel from RULES');
  assert.deepEqual(errors, []);
  await page.close();
});

test('表四 totals printed 0: the error at its cells, the suspect marked distinctly; a click focuses the cell', async () => {
  const { page, errors } = await open();
  await check(page, fixture('04_t4_totals_zero.txt'));
  await page.waitForSelector('#verdict[data-verdict="fail"]');
  const t = await cellMark(page, 'T4.RV.t');
  const m = await cellMark(page, 'T4.RV.m');
  assert.deepEqual([t.mark, t.badge, t.value], ['suspect', '?', '0']);
  assert.deepEqual([m.mark, m.badge, m.value], ['error', '✗', '10']);
  assert.match(t.hidden, /疑似出错/);
  assert.match(m.hidden, /错误/);
  assert.equal(t.outline, 'double');
  assert.equal(m.outline, 'solid');
  assert.equal((await cellMark(page, 'T4.LR.m')).mark, 'suspect');
  assert.equal(await page.getAttribute('td[data-key="T4.LD.m"]', 'data-mark'), null);
  // grouped under 表四, with a rule link
  const items = await page.$$('#findings ul[data-group="T4"] li[data-rule="T4-GROUP-TOTAL"][data-severity="error"]');
  assert.equal(items.length, 2);
  assert.match(await page.textContent('#findings'), /表四/);
  // click: focus goes to the finding's first cell, which is marked current
  await page.click('#findings ul[data-group="T4"] li:first-child button.goto');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-key')), 'T4.RV.m');
  assert.equal(await page.getAttribute('td[data-key="T4.RV.t"]', 'data-current'), 'true');
  // keyboard: the second finding with Enter
  await page.focus('#findings ul[data-group="T4"] li:nth-child(2) button.goto');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-key')), 'T4.LR.m');
  assert.equal(await page.getAttribute('td[data-key="T4.RV.t"]', 'data-current'), null);
  // the rule link opens its documentation in the page
  await page.click('#findings li:first-child a.rule-link');
  assert.equal(await page.evaluate(() => document.getElementById('rules').open), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'rule-T4-GROUP-TOTAL');
  await page.screenshot({ path: join(out, 't4-totals-zero.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('表三 R1 C1 changed: the suspect cell in 表三, the column and row errors marked', async () => {
  const { page, errors } = await open();
  await check(page, fixture('02_r1_c1_changed.txt'));
  await page.waitForSelector('#verdict[data-verdict="fail"]');
  const c = await cellMark(page, 'T3.R1.C1');
  assert.deepEqual([c.mark, c.badge, c.value], ['suspect', '?', '5']);
  assert.equal((await cellMark(page, 'T3.R2.C1')).mark, 'error');
  assert.equal((await cellMark(page, 'T3.R1.C7')).mark, 'error');
  assert.equal(await page.getAttribute('#identity [data-col="C1"]', 'data-outcome'), 'fail');
  await page.click('#findings ul[data-group="T3"] li:first-child button.goto');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-key')), 'T3.R1.C1');
  await page.screenshot({ path: join(out, 'r1-c1-changed.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

/** The CLI's JSON for `text` (a temporary file): `cargo run -q -p nianbao-cli -- check FILE --format json`. */
function cliJson(text, name) {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-cli-'));
  tempDirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  const run = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      if (e.status === 1 && e.stdout) return e.stdout; // exit 1: errors found
      throw e;
    }
  };
  return JSON.parse(run('cargo', ['run', '-q', '--offline', '-p', 'nianbao-cli', '--bin', 'nianbao', '--', 'check', file, '--format', 'json']));
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

test('导出 JSON equals the CLI\'s --format json (but `file`); 导出 CSV has one row per cell, with a BOM', async () => {
  const { page, errors } = await open();
  const text = fixture('02_r1_c1_changed.txt');
  await check(page, text);
  await page.waitForSelector('#verdict');
  const json = await download(page, '#export-json');
  assert.match(json.name, /\.json$/);
  const exported = JSON.parse(json.bytes.toString('utf8'));
  const cli = cliJson(text, 'r1.txt');
  for (const r of exported.reports.concat(cli.reports)) delete r.file;
  assert.deepEqual(exported, cli);
  assert.equal(exported.reports[0].verdict, 'fail');

  const csv = await download(page, '#export-csv');
  assert.match(csv.name, /\.csv$/);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const lines = csv.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  assert.equal(lines[0], 'cell,state,value');
  const cells = Object.keys(cli.reports[0].cells);
  assert.equal(lines.length - 1, cells.length);
  assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), cells);
  assert.ok(lines.includes('T3.R1.C1,number,5'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a report with markup in its cells and text renders inert (no element, no dialog)', async () => {
  const { page, errors } = await open();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const evil = '<img src=x onerror=alert(1)>';
  const text = seed
    .replace('洛阳市科学技术局 2024', `洛阳市科学技术局${evil} 2024`)
    .replace(/(一、本年新收政府信息公开申请数量\t\t)0/, `$1${evil}`)
    .replace('一、总体情况', `一、总体情况\n<script>alert(2)</script>${evil}`);
  assert.notEqual(text, seed);
  await check(page, text);
  await page.waitForSelector('#verdict');
  await page.evaluate(() => document.getElementById('text-view').open = true);
  await page.waitForTimeout(300);
  assert.equal(await page.$$eval('#result img, #result script', (els) => els.length), 0);
  assert.equal(await page.$$eval('img', (els) => els.length), 0);
  assert.ok((await page.textContent('#report-text')).includes(evil), 'shown as text');
  // also outside the text view: the reader keeps it in the row label of 表三 (shown as read)
  const tables = await page.textContent('#t3');
  assert.ok(tables.includes(evil), 'the markup is shown as text in 表三');
  assert.deepEqual(dialogs, []);
  await page.screenshot({ path: join(out, 'xss-inert.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('text view: text findings marked in the report text; a click scrolls there', async () => {
  const { page, errors } = await open();
  await check(page, fixture('17_text_slips.txt'));
  await page.waitForSelector('#verdict');
  const marks = await page.$$eval('#report-text mark[data-rule]', (ms) => ms.map((m) => m.getAttribute('data-rule')));
  assert.ok(marks.length >= 1, 'some spans marked');
  const b = '#findings ul[data-group="text"] li:first-child button.goto';
  const id = await page.getAttribute(b, 'data-span');
  await page.click(b);
  assert.equal(await page.evaluate(() => document.getElementById('text-view').open), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), id);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'MARK');
  await page.screenshot({ path: join(out, 'text-view.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('English switch: messages and table labels in English, and back', async () => {
  const { page, errors } = await open();
  assert.ok(await page.$('button#lang[aria-pressed="false"]'), 'a labelled toggle');
  await check(page, fixture('04_t4_totals_zero.txt'));
  await page.waitForSelector('#verdict');
  const zh = await page.textContent('#findings li .msg');
  await page.click('#lang');
  assert.equal(await page.getAttribute('#lang', 'aria-pressed'), 'true');
  await page.waitForSelector('#result[lang="en"]');
  const en = await page.textContent('#findings li .msg');
  assert.notEqual(en, zh);
  assert.match(en, /[A-Za-z]{3}/);
  assert.match(await page.textContent('#verdict'), /^Result: errors/);
  assert.match(await page.textContent('#t3 thead'), /natural persons/);
  assert.equal(await page.getAttribute('td[data-key="T4.RV.t"]', 'data-mark'), 'suspect');
  await page.screenshot({ path: join(out, 'english.png'), fullPage: true });
  await page.click('#lang');
  await page.waitForSelector('#result[lang="zh-CN"]');
  assert.equal(await page.textContent('#findings li .msg'), zh);
  assert.deepEqual(errors, []);
  await page.close();
});

test('print: the input area and buttons hidden; verdict, tables with marks and findings shown', async () => {
  const { page, errors } = await open();
  await check(page, fixture('04_t4_totals_zero.txt'));
  await page.waitForSelector('#verdict');
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['#form', '#input', '#check', '#export-json', '#lang']) {
    assert.ok(await page.isHidden(sel), `${sel} hidden in print`);
  }
  for (const sel of ['#verdict', '#findings', '#t2', '#t3', '#t4', 'td[data-key="T4.RV.t"] .badge']) {
    assert.ok(await page.isVisible(sel), `${sel} shown in print`);
  }
  await page.screenshot({ path: join(out, 'print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  assert.ok(await page.isVisible('#input'));
  assert.deepEqual(errors, []);
  await page.close();
});
