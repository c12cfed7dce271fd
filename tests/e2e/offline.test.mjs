// Offline use of the page, end to end in Debian's Chromium (playwright-core, no browser download):
//  1. the single self-contained file dist-single/nianbao.html (the compat, Wasm Core 1.0 build),
//     opened from file:// with every network request refused: the seed report passes;
//  2. the served page (APP_URL, scripts/e2e.sh) with its service worker: once the worker controls
//     the page, the browser goes offline, the page reloads from the cache and still checks the seed;
//     the cache is named after the build hash of dist/sw.js and older nianbao caches are deleted.
// Env: APP_URL (served dist/), SINGLE_FILE (default dist-single/nianbao.html), CHROMIUM, E2E_OUT.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { root, url as appUrl, out, seed, executablePath, args } from './common.mjs';

const singleFile = resolve(process.env.SINGLE_FILE || join(root, 'dist-single', 'nianbao.html'));
mkdirSync(out, { recursive: true });

const cleanups = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A fresh browser profile (no service worker, no cache from another test). */
async function launch(extraArgs) {
  const profile = mkdtempSync(join(tmpdir(), 'nianbao-offline-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, args: args.concat(extraArgs || []),
  });
  cleanups.push(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  return context;
}

function collectErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`));
  return errors;
}

/** Pastes the seed, clicks 校验 and asserts 有警告 (its one slip, 等反面) with the 7 identity rows 0 = 0. */
async function assertSeedPasses(page) {
  await page.fill('#input', seed);
  await page.click('#check');
  await page.waitForSelector('#verdict');
  assert.equal(await page.textContent('#agency'), '洛阳市科学技术局');
  assert.equal(await page.textContent('#year'), '2024');
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'warn');
  assert.match(await page.textContent('#verdict'), /有警告/);
  const identity = await page.$$eval('#identity [data-col]', (rows) =>
    rows.map((r) => ({
      col: r.getAttribute('data-col'),
      outcome: r.getAttribute('data-outcome'),
      left: r.getAttribute('data-left'),
      right: r.getAttribute('data-right'),
    })));
  assert.deepEqual(identity.map((r) => r.col), ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']);
  for (const r of identity) {
    assert.equal(r.outcome, 'pass', JSON.stringify(r));
    assert.equal(r.left, '0', JSON.stringify(r));
    assert.equal(r.right, '0', JSON.stringify(r));
  }
}

test('single file from file://: the seed passes, nothing is fetched', async () => {
  assert.ok(existsSync(singleFile), `${singleFile} missing (build it: bash scripts/single-file.sh)`);
  const fileUrl = pathToFileURL(singleFile).href;
  const context = await launch();
  // Any request except the file itself and data:/blob: URLs fails the test (and is refused).
  const foreign = [];
  const allowed = (u) => u === fileUrl || u.startsWith('data:') || u.startsWith('blob:');
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (allowed(u)) return route.continue();
    foreign.push(u);
    return route.abort();
  });
  await context.setOffline(true);
  const page = await context.newPage();
  const errors = collectErrors(page);
  page.on('request', (r) => {
    if (!allowed(r.url()) && !foreign.includes(r.url())) foreign.push(r.url());
  });
  await page.goto(fileUrl, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 30000 });
  assert.equal(await page.title(), '政府信息公开工作年度报告校验');
  await assertSeedPasses(page);
  // never a service worker from file://, and the single file has no registration script at all
  const sw = await page.evaluate(() => ('serviceWorker' in navigator) && navigator.serviceWorker.controller !== null);
  assert.equal(sw, false);
  await page.screenshot({ path: join(out, 'single-file.png'), fullPage: true });
  assert.deepEqual(foreign, [], 'the single file made network requests');
  assert.deepEqual(errors, []);
  await page.close();
});

test('single file without WebAssembly (--jitless): explains, no page error', async () => {
  const context = await launch(['--js-flags=--jitless']);
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(pathToFileURL(singleFile).href, { waitUntil: 'load' });
  await page.waitForSelector('#message[data-kind="load"]', { timeout: 20000 });
  assert.match(await page.textContent('#message'), /WebAssembly/);
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test('served page: the service worker caches this build; offline reload still checks the seed', async () => {
  assert.ok(appUrl, 'APP_URL is not set (run through scripts/e2e.sh)');
  const swSource = readFileSync(join(root, 'dist', 'sw.js'), 'utf8');
  const build = (swSource.match(/^var BUILD = '([0-9a-f]{16})'; \/\/ nianbao:build$/m) || [])[1];
  assert.ok(build, 'dist/sw.js has no build hash (Trunk post_build hook scripts/sw-manifest.mjs)');
  const assets = JSON.parse(swSource.match(/^var ASSETS = (\[.*\]); \/\/ nianbao:assets$/m)[1]);

  const context = await launch();
  // A cache left by an "older build", created by a page of the origin that registers nothing.
  const pre = await context.newPage();
  await pre.goto(new URL('sw.js', appUrl).href);
  await pre.evaluate(() => caches.open('nianbao-0000000000000000').then((c) => c.put('stale', new Response('old'))));
  await pre.close();

  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(appUrl, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 20000 });
  // skipWaiting + clients.claim: the first visit ends up controlled without a reload
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  const keys = await page.evaluate(() => caches.keys());
  assert.deepEqual(keys, [`nianbao-${build}`], 'exactly this build\'s cache (the stale one deleted)');
  const cached = await page.evaluate((name) => caches.open(name).then((c) => c.keys())
    .then((reqs) => reqs.map((r) => new URL(r.url).pathname.split('/').pop())), `nianbao-${build}`);
  for (const a of assets) {
    const name = a === './' ? '' : a;
    assert.ok(cached.includes(name), `${a} is precached (cached: ${cached.join(', ')})`);
  }

  await context.setOffline(true);
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 20000 });
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'controlled after the reload');
  await assertSeedPasses(page);
  await page.screenshot({ path: join(out, 'offline-served.png'), fullPage: true });
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await page.close();
});
