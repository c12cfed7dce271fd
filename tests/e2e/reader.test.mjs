// The reader module (the .docx and PDF readers, a second wasm module the loader fetches only when such
// a file arrives), end to end in Debian's Chromium (playwright-core). Run by scripts/e2e.sh (APP_URL).
//  - a paste-only session never requests it; the first .docx or PDF does, once;
//  - the three published PDFs of the corpus (../shared/corpus/peer, or beside $NIANBAO_CORPUS) read in
//    the page as their pdftotext text does (verdict, every cell, the findings), and 洪泽区 2023 shows
//    its two 表四 source errors at the total cells;
//  - the page says it is reading while the reader loads (its wasm held back) and keeps working; two
//    PDFs of consecutive years are paired; a damaged PDF: the core's Chinese-first message;
//  - the compat build loads the compat reader; the CSP page (connect-src 'none') gets it from its
//    script copy; the single offline file (file://, every request refused) has it inline;
//  - the widget (<nianbao-validator>) and the JS API nianbao.check read PDFs;
//  - the rules' documentation, which only the reader module holds, fills the rules panel when it is
//    first opened (modern, compat, CSP, single file), in both languages; if the module cannot be
//    loaded the panel says so and the page keeps working.
// Without the corpus the PDF tests are skipped locally and fail under CI=true.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { root, url, out, seed, fixture, fixtures, corpus, failFeatureProbes, launchFresh, watch, fileOf } from './common.mjs';

const peer = join(dirname(corpus), 'peer');
/** The published PDFs and the pdftotext text of each in ../shared/corpus/raw. */
const PDFS = [
  { pdf: join(peer, 'hongze-district-gov-2023', 'report.pdf'), text: join(corpus, '010_hongze_2023.txt') },
  { pdf: join(peer, 'hongze-district-gov-2024', 'report.pdf'), text: join(corpus, '011_hongze_2024.txt') },
  { pdf: join(peer, 'huaian-city-gov-2024', 'report.pdf'), text: join(corpus, '009_huaian_2024.txt') },
];
const have = PDFS.every((p) => existsSync(p.pdf) && existsSync(p.text));
if (!have && process.env.CI) throw new Error(`published PDFs not found in ${peer} (set NIANBAO_CORPUS)`);
const skip = !have && 'no corpus';
const hongze2023 = PDFS[0].pdf;
const docxSeed = join(fixtures, 'docx', 'seed.docx');
const singleFile = resolve(process.env.SINGLE_FILE || join(root, 'dist-single', 'nianbao.html'));
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'none'; object-src 'none'; base-uri 'none'";

const cleanups = [];
before(() => {
  assert.ok(url, 'APP_URL is not set (run through scripts/e2e.sh)');
  mkdirSync(out, { recursive: true });
});
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A fresh profile (`serviceWorkers: 'block'` where a test passes it: then page.route sees every request). */
const launch = (options) => launchFresh(chromium, 'nianbao-reader-', cleanups, options);


const file = fileOf;
const readerFiles = (requests) => requests.map(file).filter((n) => /^nianbao-(boot-)?reader-/.test(n));

/** Opens the rules panel and waits until every rule's documentation is in it; returns the texts. */
async function openRules(page, why = '为什么') {
  await page.click('#rules > summary');
  await page.waitForFunction((w) => {
    const ps = Array.from(document.querySelectorAll('#rules p.rule-doc[data-rule]'));
    return ps.length > 0 && ps.every((p) => p.textContent.includes(w));
  }, why, { timeout: 30000 });
  return page.$$eval('#rules p.rule-doc', (ps) => ps.map((p) => [p.getAttribute('data-rule'), p.textContent]));
}

async function open(context, target, expectedConsole) {
  const page = await context.newPage();
  const w = watch(page, expectedConsole);
  await page.goto(target || url, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 30000 });
  return { page, ...w };
}

/** Picks files and waits until every one is read. */
async function pick(page, files) {
  await page.setInputFiles('#file', files);
  await page.waitForSelector('#files[data-state="done"]', { timeout: 60000 });
}

/** What the result area shows: verdict, every data cell (key → state and value), the findings. */
function shown(page) {
  return page.evaluate(() => ({
    verdict: document.querySelector('#verdict').getAttribute('data-verdict'),
    agency: document.querySelector('#agency').textContent,
    year: document.querySelector('#year').textContent,
    cells: Array.from(document.querySelectorAll('td[data-key]')).map((td) =>
      [td.getAttribute('data-key'), td.getAttribute('data-state'), td.querySelector('.v') ? td.querySelector('.v').textContent : '']),
    findings: Array.from(document.querySelectorAll('#findings li[data-rule]')).map((li) =>
      [li.getAttribute('data-rule'), li.getAttribute('data-severity')]),
  }));
}

test('a paste-only session never requests the reader module; the first .docx loads it once (modern)', async () => {
  const context = await launch();
  const { page, errors, requests } = await open(context);
  await page.fill('#input', seed);
  await page.click('#check');
  await page.waitForSelector('#verdict[data-verdict="warn"]');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(readerFiles(requests), [], 'no reader module for pasted text');
  assert.equal(await page.evaluate(() => window.nianbao.variant), 'modern');

  await pick(page, docxSeed);
  assert.equal(await page.getAttribute('#file-list li', 'data-kind'), 'docx');
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'warn');
  assert.equal(await page.textContent('#agency'), '洛阳市科学技术局');
  const loaded = readerFiles(requests);
  assert.ok(loaded.some((n) => /^nianbao-reader-modern-[0-9a-f]+_bg\.wasm$/.test(n)), loaded.join(' '));
  assert.ok(!loaded.some((n) => /compat/.test(n)), `only the modern reader: ${loaded.join(' ')}`);
  // a second file does not load it again
  await pick(page, docxSeed);
  assert.deepEqual(readerFiles(requests), loaded);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the published PDFs read in the page as their pdftotext text does; 洪泽区 2023: the 表四 errors at the totals', { skip }, async () => {
  const context = await launch();
  const { page, errors } = await open(context);
  for (const { pdf, text } of PDFS) {
    await pick(page, text);
    const fromText = await shown(page);
    await pick(page, pdf);
    assert.equal(await page.getAttribute('#file-list li', 'data-kind'), 'pdf', pdf);
    assert.equal(await page.getAttribute('#source', 'data-kind'), 'pdf', pdf);
    const fromPdf = await shown(page);
    assert.ok(fromPdf.cells.length > 150, `${pdf}: ${fromPdf.cells.length} cells`);
    assert.deepEqual(fromPdf, fromText, pdf);
  }
  // 洪泽区 2023 once more: its two published 表四 errors
  await pick(page, hongze2023);
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'fail');
  for (const group of ['RV', 'LR']) {
    const total = await page.$eval(`td[data-key="T4.${group}.t"]`, (td) => [td.getAttribute('data-mark'), td.querySelector('.v').textContent]);
    assert.deepEqual(total, ['suspect', '0'], `T4.${group}.t`);
  }
  const t4 = await page.$$eval('#findings ul[data-group="T4"] li[data-rule="T4-GROUP-TOTAL"]', (l) => l.length);
  assert.equal(t4, 2);
  await page.screenshot({ path: join(out, 'reader-pdf-hongze-2023.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('while the reader module loads, the page says it is reading and keeps working', { skip }, async () => {
  const context = await launch({ serviceWorkers: 'block' });
  const { page, errors } = await open(context);
  // the reader's wasm is held back until the page has been seen reading (no timing involved)
  let release;
  let requested;
  const held = new Promise((r) => { release = r; });
  const asked = new Promise((r) => { requested = r; });
  await page.route(/nianbao-reader-modern-[0-9a-f]+_bg\.wasm$/, async (route) => {
    requested();
    await held;
    await route.continue();
  });
  await page.setInputFiles('#file', hongze2023);
  await page.waitForFunction(() => /正在读取.*report\.pdf/.test(document.querySelector('#files-status').textContent));
  await asked;
  assert.equal(await page.getAttribute('#files', 'data-state'), 'reading');
  assert.equal(await page.$$eval('#file-list li', (lis) => lis.length), 0, 'nothing read before the reader module');
  // the page is not frozen: a pasted report is checked meanwhile
  await page.fill('#input', seed);
  await page.click('#check');
  await page.waitForSelector('#verdict[data-verdict="warn"]');
  release();
  await page.waitForSelector('#files[data-state="done"]', { timeout: 60000 });
  assert.equal(await page.getAttribute('#file-list li', 'data-verdict'), 'fail');
  assert.deepEqual(errors, []);
  await page.close();
});

test('two published PDFs of one body, consecutive years, chosen together are paired like any other files', { skip }, async () => {
  const context = await launch();
  const { page, errors } = await open(context);
  await pick(page, [PDFS[0].pdf, PDFS[1].pdf]);
  assert.deepEqual(await page.$$eval('#file-list li', (lis) => lis.map((li) => li.getAttribute('data-kind'))), ['pdf', 'pdf']);
  await page.click('#file-list li:nth-child(2) button');
  await page.waitForSelector('#pair-line[data-auto="true"]');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a damaged PDF and a password-protected Word file: the reader\'s Chinese-first message; the page keeps working', async () => {
  const context = await launch();
  const { page, errors } = await open(context);
  const bad = [
    { name: '报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n%%EOF\n') },
    { name: '加密.docx', mimeType: 'application/octet-stream', buffer: readFileSync(join(fixtures, 'docx', 'seed-locked.docx')) },
  ];
  for (const f of bad) {
    await pick(page, [f]);
    assert.equal(await page.getAttribute('#file-list li', 'data-verdict'), 'unreadable', f.name);
    await page.waitForSelector('#message[data-kind="unreadable"]');
    const zh = await page.textContent('#message p[lang="zh-CN"]');
    const en = await page.textContent('#message p[lang="en"]');
    assert.match(zh, f.name.endsWith('.pdf') ? /PDF/ : /密码/, zh);
    assert.ok(/[\u4e00-\u9fff]/.test(zh) && en.trim().length > 0, `${zh} / ${en}`);
  }
  await pick(page, docxSeed);
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'warn');
  assert.deepEqual(errors, []);
  await page.close();
});

test('JS API: nianbao.check reads PDF and .docx bytes (a Promise); the raw synchronous check says to use it', { skip }, async () => {
  const context = await launch();
  const { page, errors } = await open(context);
  const pdf = [...readFileSync(hongze2023)];
  const docx = [...readFileSync(docxSeed)];
  const r = await page.evaluate(async ([pdf, docx]) => {
    const a = await window.nianbao.check(new Uint8Array(pdf), { name: 'report.pdf' });
    const b = await window.nianbao.check(new Uint8Array(docx).buffer);
    const api = await window.nianbao.ready;
    const sync = api.check(new Uint8Array(docx));
    return {
      a: [a.kind, a.verdict, a.file, a.cells['T4.RV.t'], typeof a.text],
      b: [b.kind, b.verdict, b.agency],
      sync: [sync.kind, sync.verdict, /check_async/.test(sync.error)],
    };
  }, [pdf, docx]);
  assert.deepEqual(r.a, ['pdf', 'fail', 'report.pdf', 0, 'string']);
  assert.deepEqual(r.b, ['docx', 'warn', '洛阳市科学技术局']);
  assert.deepEqual(r.sync, ['unreadable', 'unreadable', true]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the rules\' documentation comes with the reader module when the rules panel is first opened, in both languages', async () => {
  const context = await launch();
  const { page, errors, requests } = await open(context);
  await page.fill('#input', fixture('04_t4_totals_zero.txt'));
  await page.click('#check');
  await page.waitForSelector('#verdict[data-verdict="fail"]');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(readerFiles(requests), [], 'nothing of the reader module before the panel is opened');
  assert.deepEqual(await page.$$eval('#rules p.rule-doc', (ps) => ps.filter((p) => p.textContent).length), 0);
  const docs = await openRules(page);
  assert.equal(docs.length, await page.$$eval('#rules dt', (dts) => dts.length));
  assert.ok(docs.some(([id, text]) => id === 'T4-GROUP-TOTAL' && /怎样改/.test(text)), JSON.stringify(docs[0]));
  assert.equal(await page.textContent('#rules-status'), '');
  const loaded = readerFiles(requests);
  assert.ok(loaded.some((n) => /^nianbao-reader-modern-[0-9a-f]+_bg\.wasm$/.test(n)), loaded.join(' '));
  // English: the same panel, redrawn, in English at once
  await page.click('#lang');
  await page.waitForFunction(() => /How to fix/.test(document.querySelector('#rules p.rule-doc[data-rule="T3-IDENTITY"]').textContent));
  // a rule link of a finding goes to its entry; nothing is loaded again
  await page.click('#lang');
  await page.click('#findings li:first-child a.rule-link');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'rule-T4-GROUP-TOTAL');
  assert.match(await page.textContent('#rules p.rule-doc[data-rule="T4-GROUP-TOTAL"]'), /为什么/);
  assert.deepEqual(readerFiles(requests), loaded);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the reader module cannot be loaded: the rules panel says why, in Chinese first; the page keeps checking', async () => {
  const context = await launch({ serviceWorkers: 'block' });
  await context.route(/nianbao-(boot-)?reader-/, (route) => route.abort());
  const { page, errors } = await open(context, undefined, [/Failed to load resource/, /nianbao-(boot-)?reader-/]);
  await page.fill('#input', seed);
  await page.click('#check');
  await page.waitForSelector('#verdict[data-verdict="warn"]');
  await page.click('#rules > summary');
  await page.waitForFunction(() => /规则说明随读取模块按需加载，这次未能加载.*请刷新页面/.test(document.querySelector('#rules-status').textContent), null, { timeout: 30000 });
  await page.click('#lang');
  assert.match(await page.textContent('#rules-status'), /could not be loaded/);
  await page.click('#lang');
  await page.fill('#input', fixture('04_t4_totals_zero.txt'));
  await page.click('#check');
  await page.waitForSelector('#verdict[data-verdict="fail"]');
  assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
  await page.close();
});

test('compat build (probes fail, as in Chromium 78-95): the compat reader module, never the modern one', async () => {
  const context = await launch();
  const page = await context.newPage();
  await failFeatureProbes(page);
  const { errors, requests } = watch(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.nianbao.variant), 'compat');
  await pick(page, have ? hongze2023 : docxSeed);
  assert.equal(await page.getAttribute('#file-list li', 'data-kind'), have ? 'pdf' : 'docx');
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), have ? 'fail' : 'warn');
  const loaded = readerFiles(requests);
  assert.ok(loaded.some((n) => /^nianbao-reader-compat-[0-9a-f]+_bg\.wasm$/.test(n)), loaded.join(' '));
  assert.ok(!loaded.some((n) => /modern/.test(n)), `only the compat reader: ${loaded.join(' ')}`);
  await openRules(page);
  assert.deepEqual(errors, []);
  await page.close();
});

test('CSP (connect-src \'none\'): the reader module comes from its script copy; only the wasm fetches are refused', async () => {
  const context = await launch();
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
    });
  });
  const { errors, requests } = watch(page, [
    /^Connecting to '[^']*_bg\.wasm' violates the following Content Security Policy directive: "connect-src 'none'"/,
    /^Fetch API cannot load [^ ]*_bg\.wasm\. Refused to connect because it violates the document's Content Security Policy\.$/,
  ]);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 30000 });
  await pick(page, have ? hongze2023 : docxSeed);
  assert.equal(await page.getAttribute('#file-list li', 'data-kind'), have ? 'pdf' : 'docx');
  assert.ok(readerFiles(requests).some((n) => /^nianbao-reader-modern-[0-9a-f]+_bg\.wasm\.js$/.test(n)), readerFiles(requests).join(' '));
  await openRules(page);
  const violations = await page.evaluate(() => window.__violations);
  assert.deepEqual(violations.filter((v) => !(v.directive === 'connect-src' && /_bg\.wasm$/.test(v.blocked))), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('single offline file from file:// (every request refused): a PDF and a .docx are read by the inline reader', async () => {
  assert.ok(existsSync(singleFile), `${singleFile} (scripts/single-file.sh)`);
  const context = await launch();
  const page = await context.newPage();
  const refused = [];
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('file:') && u.endsWith('nianbao.html')) return route.continue();
    refused.push(u);
    return route.abort();
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  await page.goto(pathToFileURL(singleFile).href, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 30000 });
  assert.ok(await page.$('#nianbao-reader-wasm'), 'the reader is inline');
  await pick(page, docxSeed);
  assert.equal(await page.getAttribute('#file-list li', 'data-kind'), 'docx');
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'warn');
  if (have) {
    await pick(page, hongze2023);
    assert.equal(await page.getAttribute('#file-list li', 'data-kind'), 'pdf');
    assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'fail');
  }
  await openRules(page);
  await page.screenshot({ path: join(out, 'reader-single-file.png'), fullPage: true });
  assert.deepEqual(refused.filter((u) => !u.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the widget (<nianbao-validator> in embed-demo.html) reads a PDF; nianbao-result reaches the host', { skip }, async () => {
  const context = await launch();
  const page = await context.newPage();
  const { errors } = watch(page);
  await page.goto(new URL('embed-demo.html', url).href, { waitUntil: 'load' });
  await page.waitForSelector('nianbao-validator #check', { timeout: 30000 });
  await page.evaluate(() => {
    window.__results = [];
    document.addEventListener('nianbao-result', (e) => window.__results.push([e.detail.file, e.detail.report.kind, e.detail.verdict]));
  });
  await page.setInputFiles('nianbao-validator #file', hongze2023);
  await page.waitForFunction(() => window.__results.length > 0, null, { timeout: 60000 });
  assert.deepEqual(await page.evaluate(() => window.__results[0]), ['report.pdf', 'pdf', 'fail']);
  assert.equal(await page.getAttribute('nianbao-validator #verdict', 'data-verdict'), 'fail');
  assert.deepEqual(errors, []);
  await page.close();
});
