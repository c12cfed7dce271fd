#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml [[hooks]]), also runnable by hand on dist/: completes the
// page Trunk built into a deployable folder.
//   node scripts/post-build.mjs [DIR]     (DIR: $TRUNK_STAGING_DIR under Trunk, else dist/)
//
//  0. the stylesheet without its comments (a new name for the new content; index.html's link and its
//     integrity hash follow);
//  1. the modern build: Trunk's wasm-bindgen glue `nianbao-app-<h>.js` + `nianbao-app-<h>_bg.wasm`;
//  2. the compat build (Wasm Core 1.0, Chromium 78-95), when scripts/compat.sh has built
//     target/compat/pkg: copied as `nianbao-compat-<h>.js` + `nianbao-compat-<h>_bg.wasm`;
//  3. the reader module (the .docx and PDF readers, fetched by the loader only when such a file
//     arrives) and the full-check module (the prose checks and the error localiser, fetched when
//     the user starts to work with the page or at the first check), modern (scripts/reader.sh [full]: target/{reader,full}/pkg)
//     and compat (scripts/compat.sh): `nianbao-{reader,full}-<variant>-<h>.js` + `…_bg.wasm`;
//  4. per build, a boot module `nianbao-boot-<variant>-<h>.js` (imports the glue, hands it to the
//     loader) and the wasm as a script `…_bg.wasm.js` (base64; used only where fetch() is refused,
//     e.g. under `connect-src 'none'`);
//     Every glue is shipped minified (scripts/loader.mjs shippedJs: terser, ES2017 output), under the
//     name of its source (the name's hash follows the source, so it still changes with it);
//  5. the loader `nianbao.js` = www/nianbao.js with this build's manifest, minified; index.html refers to it
//     as `nianbao.js?v=<build>` so a new deployment is never mixed with a cached old loader;
//  6. the embedding demo (www/embed-demo.{html,css,js}) and www/nianbao.d.ts copied as they are;
//  7. `sw.js` from www/sw.js: the build hash (cache `nianbao-<hash>`) and the files to precache
//     (the page, the modern build and the modern full-check module, which every check needs;
//     the compat files, the reader module and the wasm scripts are cached when a browser first
//     needs them).
// Fails loudly when an expected file or marker is missing.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loaderWithManifest, shippedCss, shippedJs } from './loader.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || join(root, 'dist');
const die = (msg) => {
  console.error(`post-build: ${msg}`);
  process.exit(1);
};
const hash16 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
};
const files = () => readdirSync(dir).filter((f) => !f.startsWith('.') && statSync(join(dir, f)).isFile()).sort();
const one = (re, what) => {
  const found = files().filter((f) => re.test(f));
  if (found.length !== 1) die(`expected one ${what} in ${dir}, found ${found.length ? found.join(', ') : 'none'}`);
  return found[0];
};

// copied from www/ as they are (6.)
const EXTRA = ['embed-demo.html', 'embed-demo.css', 'embed-demo.js', 'nianbao.d.ts'];
if (!existsSync(join(dir, 'index.html'))) die(`no index.html in ${dir}`);
// A rerun on the same folder (or a watch rebuild) starts from Trunk's files only.
for (const f of files()) {
  if (/^nianbao-(compat|boot|reader|full)-/.test(f) || /_bg\.wasm\.js$/.test(f) || ['nianbao.js', 'sw.js', ...EXTRA].includes(f)) {
    unlinkSync(join(dir, f));
  }
}

// 0. the stylesheet without its comments (scripts/loader.mjs shippedCss): a new name for its new
// content, and index.html's link to it (href and the subresource-integrity hash Trunk wrote) with it.
{
  const trunkCss = one(/^style-[0-9a-f]+\.css$/, 'stylesheet');
  let css;
  try {
    css = shippedCss(readFileSync(join(dir, trunkCss), 'utf8'));
  } catch (e) {
    die(e.message);
  }
  const name = `style-${hash16(css)}.css`;
  const link = new RegExp(`(<link rel="stylesheet" href="(?:\\./)?)${trunkCss.replace('.', '\\.')}(" integrity=")sha384-[A-Za-z0-9+/=]+(")`);
  let index = readFileSync(join(dir, 'index.html'), 'utf8');
  if (!link.test(index)) die(`index.html has no <link rel="stylesheet" href="./${trunkCss}" integrity="sha384-…"> (Trunk's css link)`);
  const sri = `sha384-${createHash('sha384').update(css).digest('base64')}`;
  index = index.replace(link, (_, a, b, c) => `${a}${name}${b}${sri}${c}`);
  writeFileSync(join(dir, 'index.html'), index);
  if (name !== trunkCss) {
    writeFileSync(join(dir, name), css);
    unlinkSync(join(dir, trunkCss));
  }
}
const manifest = { css: one(/^style-[0-9a-f]+\.css$/, 'stylesheet') };

// A build's boot module and wasm-as-script file; returns its manifest entry. `key` names the
// build (modern, compat, reader-modern, reader-compat), `hook` the loader's function the boot
// module calls.
function addBuild(key, variant, hook, glue, wasm) {
  const wasmBytes = readFileSync(join(dir, wasm));
  const wasmjs = `${wasm}.js`;
  writeFileSync(join(dir, wasmjs),
    `(self.nianbaoWasm = self.nianbaoWasm || {})[${JSON.stringify(key)}] = "${wasmBytes.toString('base64')}";\n`);
  const boot = `// nianbao boot module (${key}): imports this build's wasm-bindgen glue and hands it to the loader (nianbao.js).\n`
    + `import init, * as api from './${glue}';\n`
    + `self.${hook}(${JSON.stringify(variant)}, init, api);\n`;
  const bootName = `nianbao-boot-${key}-${hash16(boot)}.js`;
  writeFileSync(join(dir, bootName), boot);
  return { boot: bootName, wasm, wasmjs };
}

// A glue as shipped (minified), or the build fails.
async function glueJs(src, what) {
  try {
    return await shippedJs(src.toString('utf8'), { module: true });
  } catch (e) {
    return die(`${what}: ${e.message}`);
  }
}

// 1. modern (Trunk); its glue minified in place (a rerun on the same folder minifies it again,
// which leaves it as it is)
{
  const glue = one(/^nianbao-app-[0-9a-f]+\.js$/, 'Trunk glue nianbao-app-*.js');
  writeFileSync(join(dir, glue), await glueJs(readFileSync(join(dir, glue)), glue));
  manifest.modern = addBuild('modern', 'modern', '__nianbaoBoot', glue,
    one(/^nianbao-app-[0-9a-f]+_bg\.wasm$/, 'Trunk wasm nianbao-app-*_bg.wasm'));
}

// 2. compat (scripts/compat.sh)
const pkg = join(root, 'target', 'compat', 'pkg');
if (existsSync(join(pkg, 'nianbao_web_bg.wasm')) && existsSync(join(pkg, 'nianbao_web.js'))) {
  const glueSrc = readFileSync(join(pkg, 'nianbao_web.js'));
  const wasmSrc = readFileSync(join(pkg, 'nianbao_web_bg.wasm'));
  const h = hash16(glueSrc, wasmSrc);
  const glue = `nianbao-compat-${h}.js`;
  const wasm = `nianbao-compat-${h}_bg.wasm`;
  writeFileSync(join(dir, glue), await glueJs(glueSrc, glue));
  writeFileSync(join(dir, wasm), wasmSrc);
  manifest.compat = addBuild('compat', 'compat', '__nianbaoBoot', glue, wasm);
} else {
  console.warn('post-build: WARNING: no compat build (target/compat/pkg; scripts/compat.sh): browsers before Chromium 96 get a message instead of the validator');
  manifest.compat = null;
}

// 3. the modules loaded on demand, per variant: the reader module and the full-check module (one
// crate, crates/reader, built by feature)
for (const [name, lib, hook, modernBy] of [['reader', 'nianbao_reader', '__nianbaoReaderBoot', 'scripts/reader.sh'],
  ['full', 'nianbao_full', '__nianbaoFullBoot', 'scripts/reader.sh full']]) {
  manifest[name] = {};
  for (const [variant, from, script] of [['modern', join(root, 'target', name, 'pkg'), modernBy], ['compat', pkg, 'scripts/compat.sh']]) {
    if (!existsSync(join(from, `${lib}_bg.wasm`)) || !existsSync(join(from, `${lib}.js`))) {
      console.warn(`post-build: WARNING: no ${variant} ${name} module (${script}): ${name === 'reader'
        ? '.docx and PDF files get a message instead' : 'results cover the tables only, with a warning'}`);
      continue;
    }
    const glueSrc = readFileSync(join(from, `${lib}.js`));
    const wasmSrc = readFileSync(join(from, `${lib}_bg.wasm`));
    const h = hash16(glueSrc, wasmSrc);
    const glue = `nianbao-${name}-${variant}-${h}.js`;
    const wasm = `nianbao-${name}-${variant}-${h}_bg.wasm`;
    writeFileSync(join(dir, glue), await glueJs(glueSrc, glue));
    writeFileSync(join(dir, wasm), wasmSrc);
    manifest[name][variant] = addBuild(`${name}-${variant}`, variant, hook, glue, wasm);
  }
}

// 6. the embedding demo and the TypeScript definitions
for (const f of EXTRA) copyFileSync(join(root, 'www', f), join(dir, f));

// 5. the loader
let loader;
try {
  loader = loaderWithManifest(manifest);
} catch (e) {
  die(e.message);
}
// Served minified (scripts/loader.mjs shippedJs), with a first line naming its source.
try {
  loader = await shippedJs(loader, { preamble: '/* nianbao loader (source with comments: www/nianbao.js) */' });
} catch (e) {
  die(`nianbao.js: ${e.message}`);
}
if (!loader.includes(JSON.stringify(manifest.modern.boot))) die('the manifest was lost while minifying the loader');
writeFileSync(join(dir, 'nianbao.js'), loader);

const build = hash16(...files().filter((f) => f !== 'index.html' && f !== 'sw.js').flatMap((f) => [f, readFileSync(join(dir, f))]));
let index = readFileSync(join(dir, 'index.html'), 'utf8');
const ref = /(<script defer src=")(\.\/)?nianbao\.js(?:\?v=[0-9a-f]*)?("><\/script>)/g;
const refs = index.match(ref) || [];
if (refs.length !== 1) die(`index.html must have exactly one <script defer src="./nianbao.js"></script> (Trunk.toml pattern_script), found ${refs.length}`);
index = index.replace(ref, (_, a, dot, z) => `${a}${dot || ''}nianbao.js?v=${build}${z}`);
writeFileSync(join(dir, 'index.html'), index);

// 7. the service worker
const all = files().filter((f) => f !== 'sw.js');
const swBuild = hash16(...all.flatMap((f) => [f, readFileSync(join(dir, f))]));
const precache = ['./', ...all.filter((f) => !/^nianbao-(boot-)?(compat|reader|full-compat)-/.test(f)
  && !/_bg\.wasm\.js$/.test(f) && !EXTRA.includes(f))];
let sw = readFileSync(join(root, 'www', 'sw.js'), 'utf8');
const before = sw;
sw = sw.replace(/^var BUILD = .*\/\/ nianbao:build$/m, `var BUILD = '${swBuild}'; // nianbao:build`);
sw = sw.replace(/^var ASSETS = .*\/\/ nianbao:assets$/m, `var ASSETS = ${JSON.stringify(precache)}; // nianbao:assets`);
if (sw === before || !sw.includes(swBuild) || !sw.includes(JSON.stringify(precache))) {
  die('www/sw.js lost its `// nianbao:build` / `// nianbao:assets` lines');
}
writeFileSync(join(dir, 'sw.js'), sw);
console.log(`post-build: ${dir}: modern ${manifest.modern.wasm}, compat ${manifest.compat ? manifest.compat.wasm : '(none)'}, `
  + `reader ${Object.values(manifest.reader).map((b) => b.wasm).join(' ') || '(none)'}, `
  + `full ${Object.values(manifest.full).map((b) => b.wasm).join(' ') || '(none)'}, `
  + `loader nianbao.js?v=${build}, sw cache nianbao-${swBuild} (${precache.length} precached)`);
