// The browser floor on real old browsers: headless Chromium 78, 83, 86 and 92 from npm
// (tests/e2e/old-chromium.mjs installs and decompresses them into target/old-chromium), driven over
// the DevTools protocol (tests/e2e/cdp.mjs: Playwright cannot drive Chromium that old). On each:
//  - the served page (APP_URL): the loader's feature probes pick the compat build (asserted, with
//    the files actually fetched), the seed report typed into the box and checked with a real click
//    warns (有警告: its slip 等反面), two files chosen at once are read, listed and paired; no console error, no
//    uncaught exception, no error in the browser's log;
//  - the buttons and hints of the form, the exports, the pairing row and the file list are spaced
//    as in a current browser (flex `gap` is ignored before Chromium 84; style.css uses margins):
//    the same distances are asserted on Debian's current Chromium, driven the same way;
//  - the single offline file from file:// (compat, no request) and the widget in embed-demo.html
//    (Shadow DOM, the nianbao-result event reaches the host page);
//  - on 78 and 86: a PDF and a .docx chosen in the page load the compat reader module (then only),
//    and the single file reads a .docx with its inline reader;
//  - on 78: garbage of every JavaScript type into every export of the wasm (tests/e2e/garbage.mjs,
//    as tests/e2e/boundary.test.mjs does in current Chromium).
// One test proves that these checks fail when the page breaks on an old browser: Chromium 78 made
// to load the modern build (its probes forced to pass) must fail the same smoke test.
// Screenshots: E2E_OUT/old-chromium-NN*.png.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './cdp.mjs';
import { ensureOldChromium, builds } from './old-chromium.mjs';
import { root, url, out, seed, corpus, executablePath, args } from './common.mjs';
import { GARBAGE, verdictOf } from './garbage.mjs';

/** The build the loader must pick on each old Chromium (its probes: reference types need 96). */
const EXPECTED = { 78: 'compat', 83: 'compat', 86: 'compat', 92: 'compat' };

// As common.mjs (Playwright); the old builds also need no zygote or single-process mode over the
// pipe. --disable-dev-shm-usage: containers often have a small /dev/shm.
const oldArgs = [...args, '--disable-dev-shm-usage'];

const singleFile = join(root, 'dist-single', 'nianbao.html');
let paths;
let files;
before(() => {
  assert.ok(url, 'APP_URL is not set (run through scripts/e2e.sh)');
  mkdirSync(out, { recursive: true });
  paths = ensureOldChromium((line) => console.log(`old-chromium: ${line}`));
  for (const m of Object.keys(builds)) assert.ok(EXPECTED[m], `Chromium ${m} is installed but has no expected build in EXPECTED`);
  // last year's report of the seed's body, consistent with it (19 + 2 − 6 = the seed's 15 in
  // force): paired automatically, both pass
  const lastYear = seed.replace(/2024/g, '2023').replace('行政规范性文件\t2\t6\t15', '行政规范性文件\t1\t0\t19');
  assert.ok(lastYear.includes('行政规范性文件\t1\t0\t19'), 'the seed changed: update this test');
  files = mkdtempSync(join(tmpdir(), 'nianbao-old-'));
  writeFileSync(join(files, '科技局2023.txt'), lastYear);
  writeFileSync(join(files, '科技局2024.txt'), seed);
  process.on('exit', () => rmSync(files, { recursive: true, force: true }));
});

/** Runs `fn(page, browser)` in a fresh browser; closes it whatever happens. */
async function withBrowser(exe, fn) {
  const browser = await launch(exe, oldArgs);
  try {
    const page = await browser.newPage();
    return await fn(page, browser);
  } finally {
    await browser.close();
  }
}

const q = (sel) => `document.querySelector(${JSON.stringify(sel)})`;

/** Waits until the loader has mounted the validator (or failed: then says why). */
async function started(page, root = 'document') {
  const state = await page.waitFor(`(function () { var a = ${root}.querySelector('[data-state]');
    return a && a.getAttribute('data-state') !== 'loading' && (a.querySelector('#check') || a.getAttribute('data-state') === 'failed') ? a.getAttribute('data-state') : null; })()`);
  const text = await page.evaluate(`${root}.querySelector('[data-state]').textContent`);
  assert.equal(state, 'ready', `the validator did not start: ${text}; page errors: ${JSON.stringify(page.errors)}`);
}

/** Types the seed into the box of `root` (document or a shadow root), clicks 校验, expects 有警告 (the seed's slip 等反面). */
async function seedPasses(page, root = 'document') {
  await page.insertText(`${root}.querySelector('#input')`, seed);
  await page.click(`${root}.querySelector('#check')`);
  await page.waitFor(`${root}.querySelector('#verdict')`);
  const r = await page.evaluate(`(function () { var v = ${root}.querySelector('#verdict');
    return { verdict: v.getAttribute('data-verdict'), text: v.textContent, agency: ${root}.querySelector('#agency').textContent,
      input: ${root}.querySelector('#input').value.length }; })()`);
  assert.equal(r.input, seed.length, 'the whole seed is in the box');
  assert.equal(r.verdict, 'warn', JSON.stringify(r));
  assert.match(r.text, /有警告/);
  assert.equal(r.agency, '洛阳市科学技术局');
}

/** The file names of this page's resource requests (the document excluded). */
const requested = (page) => page.evaluate(`performance.getEntriesByType('resource').map(function (e) { return e.name.split('/').pop().split('?')[0]; })`);

/**
 * Horizontal and vertical distances between the border boxes of pairs of elements:
 * dx = b.left − a.right, dy = b.top − a.bottom (negative: they overlap on that axis).
 */
function distances(page, pairs) {
  return page.evaluate(`(function () {
    var out = {};
    var pairs = ${JSON.stringify(pairs)};
    for (var i = 0; i < pairs.length; i++) {
      var a = document.querySelector(pairs[i][1]), b = document.querySelector(pairs[i][2]);
      if (!a || !b) { out[pairs[i][0]] = 'missing'; continue; }
      var ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
      out[pairs[i][0]] = { dx: Math.round((rb.left - ra.right) * 10) / 10, dy: Math.round((rb.top - ra.bottom) * 10) / 10 };
    }
    return out;
  })()`);
}

// At 1280 × 900 CSS px, 16 px per rem. Same line: dx is the column gap and dy < 0; wrapped: dy is
// the row gap (plus the hint's own 0.25rem). The values of www/style.css, and of flex `gap` before.
const FORM_SPACING = {
  '校验 → 快捷键 hint': { dx: 16 },
  '选择文件 → file hint (next line: 0.5rem + its own 0.25rem)': { dy: 12 },
};
const RESULT_SPACING = {
  '导出 JSON → 导出 CSV': { dx: 8 },
  '导出 CSV → 打印': { dx: 8 },
  '与上年报告对比 → its hint (next line)': { dy: 6.4 },
};
const FILES_SPACING = {
  'file name → summary': { dx: 16 },
  'pair line → 取消对比': { dx: 16 },
};
const PAIRS = {
  '校验 → 快捷键 hint': ['#check', '.actions > .hint'],
  '选择文件 → file hint (next line: 0.5rem + its own 0.25rem)': ['#pick', '#file-hint'],
  '导出 JSON → 导出 CSV': ['#export-json', '#export-csv'],
  '导出 CSV → 打印': ['#export-csv', '#print'],
  '与上年报告对比 → its hint (next line)': ['#pair-pick', '#pair-hint'],
  'file name → summary': ['#file-list li button.file .name', '#file-list li button.file .summary'],
  'pair line → 取消对比': ['#pair-line', '#pair-remove'],
};

/** Asserts the distances of `expected` (each { dx } on one line, or { dy } on the next). */
async function assertSpacing(page, expected, label) {
  const got = await distances(page, Object.keys(expected).map((k) => [k, ...PAIRS[k]]));
  for (const [k, want] of Object.entries(expected)) {
    const g = got[k];
    assert.notEqual(g, 'missing', `${label}: ${k}: element missing`);
    const ctx = `${label}: ${k}: ${JSON.stringify(g)} (the elements touch or overlap when dx and dy are both <= 0)`;
    if (want.dx !== undefined) {
      assert.ok(g.dy < 0, `${ctx}: expected on one line`);
      assert.ok(Math.abs(g.dx - want.dx) <= 0.5, `${ctx}: expected dx ${want.dx}`);
    } else {
      assert.ok(Math.abs(g.dy - want.dy) <= 0.5, `${ctx}: expected dy ${want.dy}`);
    }
  }
}

/**
 * The served page on one browser: start, build, seed, spacing, two files chosen at once, paired.
 * Throws (fails the test) on anything wrong, including any console or page error.
 */
async function servedSmoke(page, { expected, shot }) {
  await page.goto(url);
  await started(page);
  const variant = await page.evaluate('window.nianbao.variant');
  const names = await requested(page);
  assert.equal(variant, expected, `the loader picked ${variant}; fetched: ${names.join(', ')}`);
  const other = expected === 'compat' ? 'nianbao-app-' : 'nianbao-compat-';
  assert.ok(names.some((n) => n.startsWith(`nianbao-${expected === 'compat' ? 'compat' : 'app'}-`) && n.endsWith('_bg.wasm')),
    `the ${expected} wasm was fetched: ${names.join(', ')}`);
  assert.deepEqual(names.filter((n) => n.startsWith(other)), [], `nothing of the other build is fetched: ${names.join(', ')}`);
  await assertSpacing(page, FORM_SPACING, 'form');
  await seedPasses(page);
  await assertSpacing(page, RESULT_SPACING, 'result');
  if (shot) await page.screenshot(join(out, `${shot}.png`));

  // two files chosen at once (the <input type=file> gets them as a user's choice would):
  // read with Blob.arrayBuffer, listed, and the two years of one body paired automatically
  const { result } = await page.send('Runtime.evaluate', { expression: q('#file') });
  await page.send('DOM.setFileInputFiles', { objectId: result.objectId, files: [join(files, '科技局2023.txt'), join(files, '科技局2024.txt')] });
  await page.waitFor(`${q('#files[data-state="done"]')} && document.querySelectorAll('#file-list li').length === 2`);
  await page.click(q('#file-list li[data-name="科技局2024.txt"] button'));
  await page.waitFor(q('#pair-line[data-auto="true"]'));
  const verdicts = await page.evaluate(`[].map.call(document.querySelectorAll('#file-list li'), function (li) { return li.getAttribute('data-name') + ' ' + li.getAttribute('data-verdict'); })`);
  assert.deepEqual(verdicts, ['科技局2023.txt warn', '科技局2024.txt warn']);
  await assertSpacing(page, FILES_SPACING, 'files');
  if (shot) await page.screenshot(join(out, `${shot}-files.png`));
  assert.deepEqual(page.errors, [], 'no console error, uncaught exception or error log entry');
}

for (const major of Object.keys(builds).map(Number)) {
  test(`Chromium ${major} (npm ${builds[major].spec}): the served page loads the ${EXPECTED[major]} build, the seed passes, files are read and paired, buttons are spaced`, async () => {
    await withBrowser(paths[major], async (page, browser) => {
      assert.match(browser.version.product, new RegExp(`^HeadlessChrome/${major}\\.`), 'the binary is the Chromium it is named after');
      await servedSmoke(page, { expected: EXPECTED[major], shot: `old-chromium-${major}` });
    });
  });
}

test('current Chromium (Debian), driven the same way: the modern build, the same spacing', async () => {
  await withBrowser(executablePath, async (page, browser) => {
    const major = Number(browser.version.product.split('/')[1].split('.')[0]);
    assert.ok(major >= 96, `${browser.version.product}: expected a Chromium that runs the modern build`);
    await servedSmoke(page, { expected: 'modern' });
  });
});

for (const major of Object.keys(builds).map(Number)) {
  test(`Chromium ${major}: the single offline file from file:// (compat, no request) and the widget in embed-demo.html`, async () => {
    await withBrowser(paths[major], async (page) => {
      await page.goto(pathToFileURL(singleFile).href);
      await started(page);
      assert.equal(await page.evaluate('window.nianbao.variant'), 'compat');
      await seedPasses(page);
      assert.deepEqual(await requested(page), [], 'the single file requests nothing');
      assert.deepEqual(page.errors, [], 'single file: no console error, uncaught exception or error log entry');

      await page.goto(new URL('embed-demo.html', url).href);
      const shadow = q('nianbao-validator') + '.shadowRoot';
      await page.waitFor(`${q('nianbao-validator')} && ${shadow} && ${shadow}.querySelector('#check')`);
      await started(page, shadow);
      assert.equal(await page.evaluate('window.nianbao.variant'), EXPECTED[major]);
      await seedPasses(page, shadow);
      // nianbao-result left the shadow root and reached the host page's listener (embed-demo.js)
      const host = await page.waitFor(`${q('#host-status[data-verdict="warn"]')} && ${q('#host-status')}.textContent`);
      assert.match(host, /有警告.*洛阳市科学技术局/);
      if (major === 78) await page.screenshot(join(out, 'old-chromium-78-widget.png'));
      assert.deepEqual(page.errors, [], 'widget: no console error, uncaught exception or error log entry');
    });
  });
}

// The reader module on the old builds: a published PDF (else, without the corpus, the seed's Word
// file once more) and the seed's Word file, chosen together, are read by the compat reader module,
// which is fetched only then; the single file reads the Word file with its inline reader.
const hongze2023 = join(dirname(corpus), 'peer', 'hongze-district-gov-2023', 'report.pdf');
const havePdf = existsSync(hongze2023);
if (!havePdf && process.env.CI) throw new Error(`${hongze2023} not found (set NIANBAO_CORPUS)`);
const docxSeed = join(root, 'tests', 'fixtures', 'docx', 'seed.docx');
const readerNames = (names) => names.filter((n) => /^nianbao-(boot-)?reader-/.test(n));

for (const major of [78, 86].filter((m) => builds[m])) {
  test(`Chromium ${major}: a PDF and a .docx chosen in the page are read by the compat reader module, loaded then; the single file reads a .docx`, async () => {
    await withBrowser(paths[major], async (page) => {
      await page.goto(url);
      await started(page);
      assert.deepEqual(readerNames(await requested(page)), [], 'no reader module before such a file');
      const { result } = await page.send('Runtime.evaluate', { expression: q('#file') });
      await page.send('DOM.setFileInputFiles', { objectId: result.objectId, files: [havePdf ? hongze2023 : docxSeed, docxSeed] });
      await page.waitFor(`${q('#files[data-state="done"]')} && document.querySelectorAll('#file-list li').length === 2`);
      const list = await page.evaluate(`[].map.call(document.querySelectorAll('#file-list li'), function (li) { return li.getAttribute('data-kind') + ' ' + li.getAttribute('data-verdict'); })`);
      assert.deepEqual(list, [havePdf ? 'pdf fail' : 'docx warn', 'docx warn']);
      const reader = readerNames(await requested(page));
      assert.ok(reader.some((n) => /^nianbao-reader-compat-[0-9a-f]+_bg\.wasm$/.test(n)), `the compat reader was fetched: ${reader.join(', ')}`);
      assert.deepEqual(reader.filter((n) => /modern/.test(n)), [], `nothing of the modern reader: ${reader.join(', ')}`);
      if (major === 78) await page.screenshot(join(out, 'old-chromium-78-pdf.png'));
      // the rules' documentation comes from the same compat reader module
      await page.evaluate(`${q('#rules > summary')}.click()`);
      await page.waitFor(`/为什么/.test(${q('#rules p.rule-doc[data-rule="T3-IDENTITY"]')}.textContent)`);
      assert.deepEqual(page.errors, [], 'no console error, uncaught exception or error log entry');

      await page.goto(pathToFileURL(singleFile).href);
      await started(page);
      const again = await page.send('Runtime.evaluate', { expression: q('#file') });
      await page.send('DOM.setFileInputFiles', { objectId: again.result.objectId, files: [docxSeed] });
      await page.waitFor(`${q('#files[data-state="done"]')} && ${q('#verdict')}`);
      assert.equal(await page.evaluate(`${q('#file-list li')}.getAttribute('data-kind') + ' ' + ${q('#verdict')}.getAttribute('data-verdict')`), 'docx warn');
      assert.deepEqual(await requested(page), [], 'the single file requests nothing');
      assert.deepEqual(page.errors, [], 'single file: no console error, uncaught exception or error log entry');
    });
  });
}

test('the smoke test fails when the page breaks on an old browser: Chromium 78 made to load the modern build', async () => {
  await withBrowser(paths[78], async (page) => {
    // every feature probe passes, so the loader picks the modern build, which Chromium 78 cannot compile
    await page.addInitScript('WebAssembly.validate = function () { return true; };');
    await assert.rejects(servedSmoke(page, { expected: 'compat' }), (e) => {
      assert.match(e.message, /the validator did not start: 校验程序加载失败：WebAssembly/);
      return true;
    });
    assert.ok(page.errors.some((e) => /CompileError/.test(e)), `the console error is collected: ${JSON.stringify(page.errors)}`);
  });
});

test('Chromium 78: every export of the compat build with garbage of every JS type returns or throws a Chinese-first Error, never traps', async () => {
  await withBrowser(paths[78], async (page) => {
    await page.goto(url);
    await started(page);
    assert.equal(await page.evaluate('window.nianbao.variant'), 'compat');
    const result = await page.evaluate(`${GARBAGE}(${JSON.stringify(seed)})`);
    assert.ok(result.records.length > 900, `${result.records.length} calls`);
    const problems = verdictOf(result);
    assert.equal(problems.length, 0, `${problems.length} problems:\n${problems.join('\n')}`);
    assert.deepEqual(page.errors, [], 'no console error, uncaught exception or error log entry');
  });
});
