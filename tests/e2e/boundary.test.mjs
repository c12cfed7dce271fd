// No panic across the wasm boundary: every function the wasm module exports (check, mount,
// unmount, restart, version: the raw API of `nianbao.ready`) is called with garbage of every
// JavaScript type (tests/e2e/garbage.mjs) through the real release glue, in the modern build and in
// the compat build (feature probes failed), in Debian's Chromium (playwright-core). Each call
// returns its normal result or throws an Error with a Chinese-first message; none traps (no
// RuntimeError, no nianbao-crash, no console error); afterwards the validator works normally.
// tests/e2e/old-chromium.test.mjs runs the same on a real Chromium 78. Run by scripts/e2e.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { url, seed, executablePath, args, failFeatureProbes } from './common.mjs';
import { GARBAGE, verdictOf } from './garbage.mjs';

let context;
let profile;
before(async () => {
  assert.ok(url, 'APP_URL is not set (run through scripts/e2e.sh)');
  profile = mkdtempSync(join(tmpdir(), 'nianbao-boundary-'));
  context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args });
});
after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

for (const variant of ['modern', 'compat']) {
  test(`${variant} build: every export with garbage of every JS type returns or throws a Chinese-first Error, never traps`, async () => {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    });
    if (variant === 'compat') await failFeatureProbes(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 30000 });
    assert.equal(await page.evaluate(() => window.nianbao.variant), variant);
    const result = await page.evaluate(`${GARBAGE}(${JSON.stringify(seed)})`);
    assert.ok(result.records.length > 900, `${result.records.length} calls`);
    const slow = result.records.filter((r) => r.ms > 1000).map((r) => `${r.call} with ${r.value}: ${r.ms} ms`);
    const problems = verdictOf(result);
    assert.equal(problems.length, 0, `${problems.length} problems:\n${problems.join('\n')}`);
    assert.deepEqual(slow, [], 'no call takes a second');
    assert.deepEqual(errors, []);
    await page.close();
  });
}
