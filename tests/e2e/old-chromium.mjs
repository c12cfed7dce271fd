// Real old headless Chromium builds for tests/e2e/old-chromium.test.mjs, from npm: the packages of
// chrome-aws-lambda carry a brotli-compressed headless Chromium (bin/chromium.br): 1.20.4 → 78,
// 3.1.1 → 83, 5.3.1 → 86, 10.1.0 → 92. They need only libnss3, libnspr4, libexpat1 and libuuid1,
// which Debian's own chromium package pulls in (scripts/setup.sh installs it; checked with ldd);
// their GPU libraries (swiftshader.tar.br) are not needed with --disable-gpu.
//
// Installation, reproducible and cached:
//  1. tests/e2e/old-chromium/package.json + package-lock.json (npm aliases chromium-NN, pinned
//     versions, integrity hashes; .npmrc: no peer dependencies) are copied to target/old-chromium/npm
//     and installed there with `npm ci` (the project's own node_modules stay small: scripts/serve.sh
//     never downloads these ~180 MB);
//  2. each bin/chromium.br is decompressed with node:zlib (brotliDecompressSync) to
//     target/old-chromium/chromium-NN/chromium, with the package's integrity hash as a stamp;
//  3. the npm install is removed again (npm's own cache keeps the tarballs).
// A later run with the same lockfile does nothing (a few milliseconds).
//
//   node tests/e2e/old-chromium.mjs        (scripts/test.sh runs this as its own step)
import { execFileSync } from 'node:child_process';
import {
  chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { root } from './common.mjs';

const source = join(root, 'tests', 'e2e', 'old-chromium');
export const cacheDir = join(root, 'target', 'old-chromium');
const npmDir = join(cacheDir, 'npm');

const lock = JSON.parse(readFileSync(join(source, 'package-lock.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));

/** { 78: { name: 'chromium-78', spec: 'npm:chrome-aws-lambda@1.20.4', integrity }, … } */
export const builds = Object.fromEntries(Object.entries(manifest.dependencies).map(([name, spec]) => {
  const m = /^chromium-(\d+)$/.exec(name);
  if (!m) throw new Error(`${source}/package.json: dependency ${name} is not named chromium-NN`);
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry || !entry.integrity) throw new Error(`${source}/package-lock.json has no integrity for ${name}: run npm install --package-lock-only there`);
  return [Number(m[1]), { name, spec, version: entry.version, integrity: entry.integrity }];
}));

const binary = (major) => join(cacheDir, `chromium-${major}`, 'chromium');
const stampOf = (major) => join(cacheDir, `chromium-${major}`, '.integrity');
const fresh = (major) => existsSync(binary(major)) && existsSync(stampOf(major))
  && readFileSync(stampOf(major), 'utf8') === builds[major].integrity;

/**
 * Makes sure every build of tests/e2e/old-chromium/package.json is installed and decompressed;
 * returns { major: path of the chromium binary }. `log` gets one line per action.
 */
export function ensureOldChromium(log = () => {}) {
  const majors = Object.keys(builds).map(Number);
  const missing = majors.filter((m) => !fresh(m));
  if (missing.length > 0) {
    mkdirSync(npmDir, { recursive: true });
    for (const f of ['package.json', 'package-lock.json', '.npmrc']) copyFileSync(join(source, f), join(npmDir, f));
    const t0 = Date.now();
    log(`npm ci (${missing.map((m) => builds[m].spec).join(', ')}) in ${npmDir}`);
    // --ignore-scripts: nothing of these packages needs to run; only their files are used.
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: npmDir, stdio: ['ignore', 'inherit', 'inherit'],
    });
    log(`npm ci: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const m of missing) {
      const t1 = Date.now();
      const br = join(npmDir, 'node_modules', builds[m].name, 'bin', 'chromium.br');
      const dir = join(cacheDir, `chromium-${m}`);
      mkdirSync(dir, { recursive: true });
      const tmp = `${binary(m)}.tmp-${process.pid}`;
      writeFileSync(tmp, brotliDecompressSync(readFileSync(br)));
      chmodSync(tmp, 0o755);
      renameSync(tmp, binary(m));
      writeFileSync(stampOf(m), builds[m].integrity);
      log(`Chromium ${m}: ${builds[m].spec} → ${binary(m)} (${((Date.now() - t1) / 1000).toFixed(1)} s)`);
    }
    rmSync(join(npmDir, 'node_modules'), { recursive: true, force: true });
  }
  for (const m of majors) {
    // libnss3, libnspr4, libexpat1, libuuid1: all pulled in by Debian's chromium package
    const missingLibs = execFileSync('ldd', [binary(m)], { encoding: 'utf8' }).split('\n').filter((l) => /not found/.test(l));
    if (missingLibs.length > 0) {
      throw new Error(`Chromium ${m} (${binary(m)}) needs libraries this machine lacks:\n${missingLibs.join('\n')}\n`
        + 'install them (Debian: apt-get install chromium, or libnss3 libnspr4 libexpat1 libuuid1)');
    }
  }
  return Object.fromEntries(majors.map((m) => [m, binary(m)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const paths = ensureOldChromium((line) => console.log(`old-chromium: ${line}`));
  for (const [m, p] of Object.entries(paths)) console.log(`old-chromium: Chromium ${m} (${builds[m].spec}): ${p}`);
  console.log(`old-chromium: ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
