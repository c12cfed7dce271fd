// The loader (dist/nianbao.js), the JS API, the widget and the page's privacy and safety, end to end
// in Debian's Chromium (playwright-core). Run by scripts/e2e.sh (serves dist/, sets APP_URL).
//  - the loader picks the modern build here, and the compat (Wasm Core 1.0) build when the browser
//    rejects the post-MVP probes (a Chromium 78-95 stand-in); each fetches only its own files;
//  - the page works under the strict CSP of the issue (wasm from the script fallback);
//  - window.nianbao.check: the contract object for text and for bytes, errors for bad input;
//  - <nianbao-validator> in the government-styled embed-demo.html: Shadow DOM isolation both ways,
//    the nianbao-result event reaches the host page;
//  - no request after load over a whole session, no report data in storage or cookies;
//  - a panic inside the wasm: a message, then the page works again without a reload, text kept.
// Screenshots go to E2E_OUT (target/e2e).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const url = process.env.APP_URL;
const out = process.env.E2E_OUT || join(root, 'target', 'e2e');
const seed = readFileSync(join(root, 'tests', 'fixtures', 'seed.txt'), 'utf8');
const fixture = (name) => readFileSync(join(root, 'tests', 'fixtures', 'cases', name), 'utf8').split('==== expect ====')[0];
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'none'; object-src 'none'; base-uri 'none'";

const cleanups = [];
before(() => {
  assert.ok(url, 'APP_URL is not set (run through scripts/e2e.sh)');
  mkdirSync(out, { recursive: true });
});
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A fresh profile: no service worker or cache from another test. */
async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'nianbao-embed-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args });
  cleanups.push(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  return context;
}

/** Page errors, console errors (minus the expected ones) and every request made. */
function watch(page, expectedConsole) {
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (expectedConsole && expectedConsole.some((re) => re.test(m.text()))) return;
    errors.push(`console.error: ${m.text()}`);
  });
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  return { errors, requests };
}

const file = (u) => new URL(u).pathname.split('/').pop();

async function ready(page) {
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 30000 });
}

async function seedPasses(page) {
  await page.fill('#input', seed);
  await page.click('#check');
  await page.waitForSelector('#result .verdict');
  assert.match(await page.textContent('#result .verdict'), /通过/);
}

test('loader: the modern build in a current Chromium; only its own files are fetched', async () => {
  const context = await launch();
  const page = await context.newPage();
  const { errors, requests } = watch(page);
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  assert.equal(await page.evaluate(() => window.nianbao.variant), 'modern');
  assert.match(await page.evaluate(() => window.nianbao.version), /^\d+\.\d+\.\d+/);
  const names = requests.map(file);
  assert.ok(names.some((n) => /^nianbao-app-[0-9a-f]+_bg\.wasm$/.test(n)), names.join(' '));
  assert.ok(!names.some((n) => /compat|\.wasm\.js$/.test(n)), `no compat or fallback file: ${names.join(' ')}`);
  // no inline script and no inline style attribute anywhere in the served page
  const html = readFileSync(join(root, 'dist', 'index.html'), 'utf8');
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'index.html has no inline <script>');
  await seedPasses(page);
  assert.deepEqual(errors, []);
  await page.close();
});

test('loader: a browser without the post-MVP features (Chromium 78-95 stand-in) gets the compat build', async () => {
  const context = await launch();
  const page = await context.newPage();
  // Every probe module fails validation, as in Chromium < 96 (reference types, multi-value)
  await page.addInitScript(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => (bytes.byteLength < 100 ? false : validate(bytes));
  });
  const { errors, requests } = watch(page);
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  assert.equal(await page.evaluate(() => window.nianbao.variant), 'compat');
  const names = requests.map(file);
  assert.ok(names.some((n) => /^nianbao-compat-[0-9a-f]+_bg\.wasm$/.test(n)), names.join(' '));
  assert.ok(!names.some((n) => /^nianbao-app-/.test(n)), `the modern build is not fetched: ${names.join(' ')}`);
  await seedPasses(page);
  await page.screenshot({ path: join(out, 'compat-build.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('CSP: the page works under the strict policy (wasm from the script fallback); no other violation', async () => {
  const context = await launch();
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers(), 'content-security-policy': CSP };
    await route.fulfill({ response, headers });
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
    });
  });
  // the refused fetch of the wasm is expected (then the loader uses the script copy)
  const { errors, requests } = watch(page, [
    /^Connecting to '[^']*_bg\.wasm' violates the following Content Security Policy directive: "connect-src 'none'"/,
    /^Fetch API cannot load [^ ]*_bg\.wasm\. Refused to connect because it violates the document's Content Security Policy\.$/,
  ]);
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  assert.ok(requests.map(file).some((n) => /_bg\.wasm\.js$/.test(n)), 'the wasm came from the script fallback');
  await seedPasses(page);
  // a file through the picker and the English switch under the same policy
  await page.setInputFiles('#file', join(root, 'tests', 'fixtures', 'seed.txt'));
  await page.waitForSelector('#files[data-state="done"]');
  await page.click('#lang');
  await page.waitForSelector('#result .verdict');
  await page.screenshot({ path: join(out, 'csp.png'), fullPage: true });
  const violations = await page.evaluate(() => window.__violations);
  const unexpected = violations.filter((v) => !(v.directive === 'connect-src' && /_bg\.wasm$/.test(v.blocked)));
  assert.deepEqual(unexpected, [], 'only the wasm fetch is refused');
  assert.deepEqual(errors, []);
  await page.close();
});

test('JS API: check() returns the contract object for text and bytes; bad input is an Error', async () => {
  const context = await launch();
  const page = await context.newPage();
  const { errors } = watch(page);
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  const r = await page.evaluate((text) => window.nianbao.check(text, { lang: 'en' }), seed);
  assert.equal(r.status, 'ok');
  assert.equal(r.verdict, 'pass');
  assert.equal(r.format, '2021');
  assert.equal(r.cells['T3.R1.C7'], 0);
  assert.equal(r.text, undefined, 'a text input: spans index into the caller\'s string');
  const bytes = await page.evaluate((text) => window.nianbao.check(new TextEncoder().encode(text), { name: 'r.txt' })
    .then((x) => ({ verdict: x.verdict, file: x.file, kind: x.kind, hasText: typeof x.text === 'string' })), seed);
  assert.deepEqual(bytes, { verdict: 'pass', file: 'r.txt', kind: 'text', hasText: true });
  // an error report: 表四 totals printed 0 (fixture), findings with cells and suspects
  const bad = await page.evaluate((text) => window.nianbao.check(text), fixture('04_t4_totals_zero.txt'));
  assert.equal(bad.verdict, 'fail');
  assert.ok(bad.findings.some((f) => f.rule === 'T4-GROUP-TOTAL' && f.cells.length > 0));
  const thrown = await page.evaluate(() => window.nianbao.check(42).then(() => 'no error', (e) => `${e.name}: ${e.message}`));
  assert.match(thrown, /bad input/);
  const badOpt = await page.evaluate(() => window.nianbao.check('x', { language: 'en' }).then(() => 'no error', (e) => String(e.message)));
  assert.match(badOpt, /unknown option/);
  assert.deepEqual(errors, []);
  await page.close();
});
