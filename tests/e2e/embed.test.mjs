// The loader (dist/nianbao.js), the JS API, the widget and the page's privacy and safety, end to end
// in Debian's Chromium (playwright-core). Run by scripts/e2e.sh (serves dist/, sets APP_URL).
//  - the loader picks the modern build here, and the compat (Wasm Core 1.0) build when the browser
//    rejects the post-MVP probes (a Chromium 78-95 stand-in); each fetches only its own files;
//  - the page works under the strict CSP of the issue (wasm from the script fallback);
//  - window.nianbao.check: the contract object for text and for bytes, errors for bad input;
//  - <nianbao-validator> in the government-styled embed-demo.html: Shadow DOM isolation both ways,
//    the nianbao-result event reaches the host page;
//  - no request after load over a whole session (but the page's own modules), no report data in storage or cookies;
//  - a panic inside the wasm: a message, then the page works again without a reload, text kept.
// Screenshots go to E2E_OUT (target/e2e).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root, url, out, seed, fixture, failFeatureProbes, launchFresh, watch, fileOf } from './common.mjs';

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
const launch = () => launchFresh(chromium, 'nianbao-embed-', cleanups);


const file = fileOf;

async function ready(page) {
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 30000 });
}

async function seedPasses(page) {
  await page.fill('#input', seed);
  await page.click('#check');
  await page.waitForSelector('#result .verdict');
  assert.match(await page.textContent('#result .verdict'), /有警告/);
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
  await failFeatureProbes(page);
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
  assert.equal(r.verdict, 'warn');
  assert.equal(r.format, '2021');
  assert.equal(r.cells['T3.R1.C7'], 0);
  assert.equal(r.text, undefined, 'a text input: spans index into the caller\'s string');
  // the shape of www/nianbao.d.ts (NianbaoReport, Finding)
  assert.deepEqual(Object.keys(r).sort(), ['agency', 'cells', 'complete', 'error', 'file', 'findings', 'format', 'kind', 'status', 'verdict', 'year']);
  assert.equal(r.complete, true, 'nianbao.check waits for the full-check module');
  const bytes = await page.evaluate((text) => window.nianbao.check(new TextEncoder().encode(text), { name: 'r.txt' })
    .then((x) => ({ verdict: x.verdict, file: x.file, kind: x.kind, hasText: typeof x.text === 'string' })), seed);
  assert.deepEqual(bytes, { verdict: 'warn', file: 'r.txt', kind: 'text', hasText: true });
  // an error report: 表四 totals printed 0 (fixture), findings with cells and suspects
  const bad = await page.evaluate((text) => window.nianbao.check(text), fixture('04_t4_totals_zero.txt'));
  assert.equal(bad.verdict, 'fail');
  assert.ok(bad.findings.some((f) => f.rule === 'T4-GROUP-TOTAL' && f.cells.length > 0));
  assert.deepEqual(Object.keys(bad.findings[0]).sort(), ['actual', 'cells', 'expected', 'message', 'outcome', 'rule', 'severity', 'span', 'suspect']);
  const thrown = await page.evaluate(() => window.nianbao.check(42).then(() => 'no error', (e) => `${e.name}: ${e.message}`));
  assert.match(thrown, /bad input/);
  const badOpt = await page.evaluate(() => window.nianbao.check('x', { language: 'en' }).then(() => 'no error', (e) => String(e.message)));
  assert.match(badOpt, /unknown option/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('widget: <nianbao-validator> in the government-styled demo page; isolated both ways; nianbao-result reaches the host', async () => {
  const context = await launch();
  const page = await context.newPage();
  const { errors } = watch(page);
  await page.goto(new URL('embed-demo.html', url).href, { waitUntil: 'load' });
  // Playwright's CSS selectors pierce open shadow roots
  await page.waitForSelector('nianbao-validator .nianbao #check', { timeout: 30000 });
  const iso = await page.evaluate(() => {
    const host = document.querySelector('nianbao-validator');
    const root = host.shadowRoot;
    const box = root.querySelector('textarea');
    const css = (el, p) => getComputedStyle(el).getPropertyValue(p);
    return {
      inLightDom: document.querySelector('#input') !== null || document.querySelector('.nianbao') !== null,
      hasShadow: root !== null && root.mode === 'open',
      // the host's `textarea { font-size: 12px !important; color: #900 !important }` stops at the shadow root
      boxFont: css(box, 'font-size'),
      boxHostColor: css(box, 'color') === 'rgb(153, 0, 0)',
      // the widget's base font is its own, not the host's inherited 12px SimSun
      baseFont: css(root.querySelector('.nianbao'), 'font-size'),
      // ours does not leak out: the host's h1 keeps the host's look
      hostH1: css(document.querySelector('.gov-content h1'), 'font-size'),
      compact: root.querySelector('.nianbao').classList.contains('compact'),
      widget: root.querySelector('.nianbao').classList.contains('widget'),
    };
  });
  assert.deepEqual(iso, {
    inLightDom: false, hasShadow: true, boxFont: '14px', boxHostColor: false,
    baseFont: '16px', hostH1: '20px', compact: true, widget: true,
  });
  // the host page's own listener shows the verdict (demo: www/embed-demo.js)
  const events = page.evaluate(() => new Promise((resolve) => {
    document.querySelector('nianbao-validator').addEventListener('nianbao-result', (e) => resolve({
      verdict: e.detail.verdict, errors: e.detail.errors, agency: e.detail.report.agency, composed: e.composed,
    }), { once: true });
  }));
  await page.fill('nianbao-validator #input', seed);
  await page.click('nianbao-validator #check');
  assert.deepEqual(await events, { verdict: 'warn', errors: 0, agency: '洛阳市科学技术局', composed: true });
  await page.waitForSelector('#host-status[data-verdict="warn"]');
  assert.match(await page.textContent('#host-status'), /有警告.*洛阳市科学技术局/);
  await page.screenshot({ path: join(out, 'widget-demo.png'), fullPage: true });

  await page.fill('nianbao-validator #input', fixture('04_t4_totals_zero.txt'));
  await page.click('nianbao-validator #check');
  await page.waitForSelector('#host-status[data-verdict="fail"]');
  // the rules' documentation, which the reader module brings, fills the widget's rules panel
  await page.click('nianbao-validator #rules > summary');
  await page.waitForFunction(() => {
    const root = document.querySelector('nianbao-validator').shadowRoot;
    const p = root.querySelector('#rules p.rule-doc[data-rule="T4-GROUP-TOTAL"]');
    return p !== null && /为什么/.test(p.textContent) && root.querySelector('#rules-status').textContent === '';
  }, null, { timeout: 30000 });
  // widget mode leaves the host page's drag and drop alone
  const hijacked = await page.evaluate(() => {
    const d = new DataTransfer();
    d.items.add(new File(['x'], 'a.txt', { type: 'text/plain' }));
    const ev = new DragEvent('dragover', { dataTransfer: d, bubbles: true, cancelable: true });
    return !document.querySelector('.gov-foot').dispatchEvent(ev);
  });
  assert.equal(hijacked, false, 'a drag over the host page is not cancelled by the widget');
  // lang="en": the widget rebuilds itself in English, the text kept
  const kept = await page.inputValue('nianbao-validator #input');
  await page.evaluate(() => document.querySelector('nianbao-validator').setAttribute('lang', 'en'));
  await page.waitForSelector('nianbao-validator #lang[aria-pressed="true"]');
  assert.equal(await page.inputValue('nianbao-validator #input'), kept);
  await page.screenshot({ path: join(out, 'widget-demo-en.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('privacy: no request after load over a whole session but the page\'s own modules; nothing of the report in storage or cookies', async () => {
  const context = await launch();
  const page = await context.newPage();
  const { errors, requests } = watch(page);
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  await page.waitForLoadState('networkidle');
  const loaded = requests.length;
  // a session: paste and check, an error report and a click on a finding, files through the picker
  // (text and .docx), a drop, the English switch and back, both exports
  await seedPasses(page);
  await page.fill('#input', fixture('04_t4_totals_zero.txt'));
  await page.click('#check');
  await page.waitForSelector('#result .findings button.goto');
  await page.click('#result .findings button.goto');
  await page.setInputFiles('#file', [join(root, 'tests', 'fixtures', 'seed.txt'), join(root, 'tests', 'fixtures', 'docx', 'seed.docx')]);
  await page.waitForSelector('#files[data-state="done"]');
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], 'dropped.txt', { type: 'text/plain' }));
    return d;
  }, seed);
  await page.evaluate((d) => {
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: d, bubbles: true, cancelable: true }));
    }
  }, dt);
  await page.waitForSelector('#file-list li[data-name="dropped.txt"]');
  await page.click('#lang');
  await page.click('#lang');
  for (const sel of ['#export-json', '#export-csv']) {
    await Promise.all([page.waitForEvent('download'), page.click(sel)]);
  }
  // the .docx loads the reader module (this build's own files, once); nothing else is requested
  const after = requests.slice(loaded).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
  const own = (kind) => after.filter((u) => new RegExp(`^nianbao-(boot-)?${kind}-modern-`).test(file(u)) && new URL(u).origin === new URL(url).origin);
  const reader = own('reader');
  assert.equal(reader.length, 3, `the reader module's boot module, glue and wasm: ${reader.join(' ')}`);
  // and the full-check module (the rules), fetched when the user started to work with the page
  const full = own('full');
  assert.equal(full.length, 3, `the full-check module's boot module, glue and wasm: ${full.join(' ')}`);
  assert.deepEqual(after.filter((u) => !reader.includes(u) && !full.includes(u)), [], 'requests after the page had loaded');
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
    caches: await Promise.all((await caches.keys()).map(async (k) => [k, (await (await caches.open(k)).keys()).map((r) => r.url)])),
  }));
  assert.equal(stored.local, 0);
  assert.equal(stored.session, 0);
  assert.equal(stored.cookie, '');
  assert.deepEqual(stored.idb, []);
  // the offline cache holds this build's files only (never a report)
  const built = new Set(['', ...readdirSync(join(root, 'dist'))]);
  for (const [name, urls] of stored.caches) {
    assert.match(name, /^nianbao-[0-9a-f]{16}$/);
    for (const u of urls) assert.ok(built.has(file(u)), `cached ${u} is a built file`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

for (const variant of ['modern', 'compat']) test(`a panic inside the wasm (${variant} build): a message, then the page works again without a reload, the text kept`, async () => {
  const context = await launch();
  const page = await context.newPage();
  if (variant === 'compat') {
    await failFeatureProbes(page);
  }
  // the panic itself is logged (console.error) and the trap surfaces as an uncaught RuntimeError
  const { errors } = watch(page, [/nianbao panicked: [\s\S]*__panicForTest/, /RuntimeError: unreachable/]);
  let navigations = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  assert.equal(await page.evaluate(() => window.nianbao.variant), variant);
  await page.fill('#input', fixture('04_t4_totals_zero.txt'));
  await page.click('#check');
  await page.waitForSelector('#result .verdict');
  const navsBefore = navigations;
  const thrown = await page.evaluate(() => window.nianbao.ready.then((api) => {
    try {
      api.__panicForTest();
      return 'returned';
    } catch (e) {
      return String(e);
    }
  }));
  assert.match(thrown, /unreachable|RuntimeError/, 'the instance trapped');
  // the loader rebuilt the page on a fresh instance: the notice, the text kept
  await page.waitForSelector('#app[data-state="ready"] #result #message[data-kind="recovered"]', { timeout: 10000 });
  assert.match(await page.textContent('#result'), /内部出错/);
  assert.equal(await page.inputValue('#input'), fixture('04_t4_totals_zero.txt'));
  await page.screenshot({ path: join(out, 'panic-recovered.png'), fullPage: true });
  // and it works: the kept text is checked, then the seed; the JS API too
  await page.click('#check');
  await page.waitForFunction(() => /错误/.test((document.querySelector('#result .verdict') || {}).textContent || ''));
  await seedPasses(page);
  assert.equal(await page.evaluate((t) => window.nianbao.check(t).then((r) => r.verdict), seed), 'warn');
  // a second panic is survived too
  await page.evaluate(() => window.nianbao.ready.then((api) => { try { api.__panicForTest(); } catch (e) { /* trapped */ } }));
  await page.waitForSelector('#result #message[data-kind="recovered"]', { timeout: 10000 });
  await seedPasses(page);
  assert.equal(navigations, navsBefore, 'no reload');
  assert.deepEqual(errors, []);
  await page.close();
});
