// The full-check module (the rules, the prose checks and the error localiser: a wasm module the
// loader fetches after the page's first load), end to end in Debian's Chromium (playwright-core).
// Run by scripts/e2e.sh (APP_URL).
//  - the page starts on its first-load module alone: a visitor who only looks never downloads the
//    full-check module; it comes, once, when the user starts to work with the page (here: the text
//    box focused), and every check has its findings (a typo, an arithmetic error with its cells);
//  - a check clicked before the module is there says it is checking, then shows the complete result;
//  - when the module cannot be loaded the report is shown with a CHECK-INCOMPLETE warning that says
//    why (never a result without problems), the page keeps working, and the next check loads it;
//  - the synchronous check() of the raw API says so too (`complete: false`) until the module is there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { url, out, seed, fixture, launchFresh, watch, fileOf } from './common.mjs';

const cleanups = [];
before(() => {
  assert.ok(url, 'APP_URL is not set (run through scripts/e2e.sh)');
  mkdirSync(out, { recursive: true });
});
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A fresh profile without service workers, so that page.route sees every request. */
const launch = () => launchFresh(chromium, 'nianbao-full-', cleanups, { serviceWorkers: 'block' });
const fullFiles = (requests) => requests.map(fileOf).filter((n) => /^nianbao-(boot-)?full-/.test(n));
const ready = (page) => page.waitForSelector('#app[data-state="ready"] #check', { timeout: 30000 });

async function paste(page, text) {
  await page.fill('#input', text);
  await page.click('#check');
}

/** The rules of the findings shown. */
const rulesShown = (page) => page.$$eval('#findings li[data-rule]', (els) => els.map((e) => e.getAttribute('data-rule')));

test('the page starts without the full-check module, fetches it once the user starts, and every check has its findings', async () => {
  const context = await launch();
  const page = await context.newPage();
  const { errors, requests } = watch(page);
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  // a visitor who only looks: nothing more than the first load
  await page.waitForTimeout(1500);
  assert.deepEqual(fullFiles(requests), [], 'not fetched before the user does anything');
  // the user starts to work with the page: it comes
  await page.focus('#input');
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /nianbao-full-modern-.*_bg\.wasm$/.test(e.name)),
    null, { timeout: 20000 });
  await paste(page, seed);
  await page.waitForSelector('#verdict');
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'warn');
  assert.ok((await rulesShown(page)).includes('TEXT-TYPO'), 'the seed\'s 等反面 (a prose check)');
  // an arithmetic error and its localised cells (the localiser)
  await paste(page, fixture('04_t4_totals_zero.txt'));
  await page.waitForSelector('#verdict[data-verdict="fail"]');
  assert.ok((await rulesShown(page)).includes('T4-GROUP-TOTAL'));
  assert.ok(await page.$('#t4 td[data-mark="suspect"]'), 'the localiser\'s suspect cells marked in 表四');
  const fetched = fullFiles(requests);
  assert.equal(fetched.filter((n) => /_bg\.wasm$/.test(n)).length, 1, `the module once: ${fetched.join(', ')}`);
  assert.ok(fetched.every((n) => /-modern-/.test(n)), 'the modern variant');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a check before the module has arrived says it is checking, then shows the complete result', async () => {
  const context = await launch();
  const page = await context.newPage();
  const { errors } = watch(page);
  // hold the module back until the check was clicked
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/nianbao-full-modern-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  await paste(page, seed);
  await page.waitForSelector('#message[data-kind="checking"]');
  assert.match(await page.textContent('#message'), /正在检查/);
  assert.equal(await page.getAttribute('#result', 'aria-busy'), 'true');
  release();
  await page.waitForSelector('#verdict');
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'warn');
  assert.ok((await rulesShown(page)).includes('TEXT-TYPO'));
  assert.equal(await page.getAttribute('#result', 'aria-busy'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('without the module: the report shown with CHECK-INCOMPLETE and why, the page still works, the next check loads it', async () => {
  const context = await launch();
  const page = await context.newPage();
  let blocked = true;
  await page.route(/nianbao-(boot-)?full-/, (route) => (blocked ? route.abort() : route.continue()));
  const { errors } = watch(page, [/Failed to load resource/, /could not load/, /nianbao-full/]);
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  await paste(page, fixture('04_t4_totals_zero.txt'));
  await page.waitForSelector('#verdict');
  const rules = await rulesShown(page);
  assert.deepEqual(rules, ['CHECK-INCOMPLETE'], 'no rule ran, and the result says so');
  assert.match(await page.textContent('#findings'), /没有校验：检查模块未能加载（.+），报告只读取和显示了/);
  // the tables are shown all the same
  assert.equal(await page.textContent('#t4 [data-key="T4.RV.t"]'), '0');
  // the synchronous API says so too
  const sync = await page.evaluate((text) => window.nianbao.ready.then((api) => {
    const r = api.check(text);
    return { complete: r.complete, rules: r.findings.map((f) => f.rule) };
  }), seed);
  assert.deepEqual(sync, { complete: false, rules: ['CHECK-INCOMPLETE'] });
  // the module can be had again: the next check loads it
  blocked = false;
  await paste(page, fixture('04_t4_totals_zero.txt'));
  await page.waitForSelector('#verdict[data-verdict="fail"]');
  assert.ok((await rulesShown(page)).includes('T4-GROUP-TOTAL'));
  assert.ok(!(await rulesShown(page)).includes('CHECK-INCOMPLETE'));
  const complete = await page.evaluate((text) => window.nianbao.ready.then((api) => api.check(text).complete), seed);
  assert.equal(complete, true, 'and the synchronous check has it now');
  const unexpected = errors.filter((e) => !/nianbao-full|net::ERR_FAILED/.test(e));
  assert.deepEqual(unexpected, []);
  await page.close();
});
