// The page's `check` of the seed in Chromium (BENCHMARKS.md): a benchmark, not a test (no
// assertion on time). Serves dist/ (build it first: `bash scripts/setup.sh && bash scripts/build.sh`),
// opens it in Debian's Chromium through playwright-core, warms up, then times
// `window.nianbao.check(seed)` over many calls inside the page and prints the mean and the
// median of batches. Since the rules moved to the full-check module, a check is the page's
// module reading the report, the document handed over, the full-check module checking it, and
// the findings handed back.
//   node scripts/bench-page.mjs [ITERATIONS]        (default 500; CHROMIUM overrides the browser)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seed = readFileSync(join(root, 'tests', 'fixtures', 'seed.txt'), 'utf8');
const iterations = Number(process.argv[2] || 500);
const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', join(root, 'dist')], { stdio: 'ignore' });
const profile = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
let context;
try {
  await new Promise((r) => setTimeout(r, 500));
  context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 30000 });
  const r = await page.evaluate(async ({ text, n }) => {
    // nianbao.check waits for the full-check module (the rules), so the raw check below uses it
    const first = await window.nianbao.check(text);
    if (!first.complete) throw new Error('the full-check module did not load');
    const api = await window.nianbao.ready;
    for (let i = 0; i < 50; i++) api.check(text);
    if (!api.check(text).complete) throw new Error('the raw check did not use the full-check module');
    // The raw export (synchronous) and the window.nianbao.check promise, in batches of 50.
    const batches = [];
    for (let done = 0; done < n; done += 50) {
      const t0 = performance.now();
      for (let i = 0; i < 50; i++) api.check(text);
      batches.push((performance.now() - t0) / 50);
    }
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await window.nianbao.check(text);
    const viaPromise = (performance.now() - t0) / n;
    batches.sort((a, b) => a - b);
    const mean = batches.reduce((a, b) => a + b, 0) / batches.length;
    return { variant: window.nianbao.variant, mean, median: batches[batches.length >> 1], min: batches[0], viaPromise };
  }, { text: seed, n: iterations });
  const ms = (x) => `${x.toFixed(3)} ms`;
  console.log(`page check(seed) in Chromium (${r.variant} build, ${iterations} calls): ` +
    `mean ${ms(r.mean)}, median of batches ${ms(r.median)}, best batch ${ms(r.min)}; ` +
    `through window.nianbao.check (await): ${ms(r.viaPromise)}`);
} finally {
  if (context) await context.close();
  server.kill();
  rmSync(profile, { recursive: true, force: true });
}
