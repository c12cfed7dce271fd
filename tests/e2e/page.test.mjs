// End-to-end test of the release page (Trunk dist/) in Debian's Chromium through playwright-core
// (no browser download). Run by scripts/e2e.sh, which serves dist/ and sets APP_URL.
//   APP_URL=http://127.0.0.1:PORT/ node --test tests/e2e/
// Env: CHROMIUM (default /usr/bin/chromium), E2E_OUT (screenshots; default target/e2e).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const url = process.env.APP_URL;
const out = process.env.E2E_OUT || join(root, 'target', 'e2e');
const seed = readFileSync(join(root, 'tests', 'fixtures', 'seed.txt'), 'utf8');
/** A fixture report of tests/fixtures/cases without its `==== expect ====` block. */
const fixture = (name) => readFileSync(join(root, 'tests', 'fixtures', 'cases', name), 'utf8').split('==== expect ====')[0];
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
// --user-data-dir must not be in args: launchPersistentContext(dir) sets it.
const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let context;
let profile;

before(async () => {
  assert.ok(url, 'APP_URL is not set (run through scripts/e2e.sh)');
  mkdirSync(out, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'nianbao-e2e-'));
  context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args });
});

after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
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
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'pass');
  assert.match(await page.textContent('#verdict'), /通过/);

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
  const heads = await page.$$eval('#t3 thead th[data-col]', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(heads, ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
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
    assert.equal(await page.getAttribute(td, 'class'), 'blank', key);
    assert.equal(await page.textContent(td), '（空白）', key);
  }
  assert.equal(await page.textContent('#t3 td[data-key="T3.R3a.C1"]'), '3');
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
  const shown = await page.$$eval('#t3 tr[data-row="R2"] td', (tds) => tds.map((t) => [t.className, t.textContent]));
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
