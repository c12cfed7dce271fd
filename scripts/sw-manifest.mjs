#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml [[hooks]]): writes <dist>/sw.js from www/sw.js with the build
// hash and the list of every built asset (Trunk's hashed names), so the service worker precaches
// exactly this build and each build gets a new cache name (`nianbao-<hash>`).
//   node scripts/sw-manifest.mjs [DIR]     (DIR: $TRUNK_STAGING_DIR under Trunk, else dist/)
// The hash is the first 16 hex digits of the SHA-256 of all asset names and contents.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || join(root, 'dist');
const files = readdirSync(dir)
  .filter((f) => !f.startsWith('.') && f !== 'sw.js' && statSync(join(dir, f)).isFile())
  .sort();
if (!files.includes('index.html')) {
  console.error(`sw-manifest: no index.html in ${dir}`);
  process.exit(1);
}
const h = createHash('sha256');
for (const f of files) {
  h.update(f + '\0');
  h.update(readFileSync(join(dir, f)));
  h.update('\0');
}
const build = h.digest('hex').slice(0, 16);
const assets = ['./', ...files];
let sw = readFileSync(join(root, 'www', 'sw.js'), 'utf8');
const before = sw;
sw = sw.replace(/^var BUILD = .*\/\/ nianbao:build$/m, `var BUILD = '${build}'; // nianbao:build`);
sw = sw.replace(/^var ASSETS = .*\/\/ nianbao:assets$/m, `var ASSETS = ${JSON.stringify(assets)}; // nianbao:assets`);
if (sw === before || !sw.includes(build) || !sw.includes(JSON.stringify(assets))) {
  console.error('sw-manifest: www/sw.js lost its `// nianbao:build` / `// nianbao:assets` lines');
  process.exit(1);
}
writeFileSync(join(dir, 'sw.js'), sw);
console.log(`sw-manifest: ${join(dir, 'sw.js')}: cache nianbao-${build}, ${assets.length} entries`);
