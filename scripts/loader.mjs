// www/nianbao.js (the loader) with a build manifest filled into its marked line
// `var MANIFEST = null; // nianbao:manifest`. Used by scripts/post-build.mjs (dist/nianbao.js, this
// build's file names) and scripts/single-file.mjs ({ inline: true }). Throws when the line is gone.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = /^( *)var MANIFEST = null; \/\/ nianbao:manifest$/m;

export function loaderWithManifest(manifest) {
  const loader = readFileSync(join(root, 'www', 'nianbao.js'), 'utf8');
  if (!marker.test(loader)) throw new Error('www/nianbao.js lost its `var MANIFEST = null; // nianbao:manifest` line');
  return loader.replace(marker, (_, ind) => `${ind}var MANIFEST = ${JSON.stringify(manifest)}; // nianbao:manifest`);
}
