// Shared by the Playwright tests (tests/e2e/*.test.mjs): paths, the environment scripts/e2e.sh sets,
// the fixture readers and how Debian's Chromium is launched (playwright-core, no browser download).
// Env: APP_URL (served dist/), E2E_OUT (screenshots; default target/e2e), CHROMIUM, NIANBAO_CORPUS.
import { readFileSync } from 'node:fs';
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
