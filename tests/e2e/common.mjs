// Shared by the Playwright tests (tests/e2e/*.test.mjs): paths, the environment scripts/e2e.sh sets,
// the fixture readers and how Debian's Chromium is launched (playwright-core, no browser download).
// Env: APP_URL (served dist/), E2E_OUT (screenshots; default target/e2e), CHROMIUM, NIANBAO_CORPUS.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const url = process.env.APP_URL;
export const out = process.env.E2E_OUT || join(root, 'target', 'e2e');
export const fixtures = join(root, 'tests', 'fixtures');
export const seed = readFileSync(join(fixtures, 'seed.txt'), 'utf8');
/** A fixture report of tests/fixtures/cases without its `==== expect ====` block. */
export const fixture = (name) => readFileSync(join(fixtures, 'cases', name), 'utf8').split('==== expect ====')[0];
/** The real reports of ../shared/corpus/raw (scripts/test.sh sets NIANBAO_CORPUS when it is elsewhere). */
export const corpus = process.env.NIANBAO_CORPUS || join(root, '..', 'shared', 'corpus', 'raw');
export const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying this machine's closed network.
// --user-data-dir must not be here: launchPersistentContext(dir) sets it.
export const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Makes every WebAssembly feature probe of the loader fail, as in Chromium 78-95 (call before goto). */
export function failFeatureProbes(page) {
  return page.addInitScript(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => (bytes.byteLength < 100 ? false : validate(bytes));
  });
}

/** A persistent Chromium context on a fresh profile (no service worker or cache from another test),
 * its closing and the profile's removal pushed on `cleanups` (run them in `after`). */
export async function launchFresh(chromium, prefix, cleanups, options) {
  const profile = mkdtempSync(join(tmpdir(), prefix));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args, ...options });
  cleanups.push(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  return context;
}

/** Collects a page's errors (page errors, console errors but those matching `expectedConsole`,
 * HTTP errors) and every URL it requests. */
export function watch(page, expectedConsole) {
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

/** The file name of a URL. */
export const fileOf = (u) => new URL(u).pathname.split('/').pop();
