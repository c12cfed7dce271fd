#!/usr/bin/env node
// Bundles the compat build into ONE self-contained HTML page that works when opened from file://
// (toolchain.md §7): www/index.html with www/style.css inlined as <style> (without its comments), the wasm-bindgen
// `--target web` glue inlined in a <script type="module"> with its `export`s stripped, and the
// wasm inlined as base64 and handed to the glue as bytes (async init, never initSync). Nothing is
// fetched. The full-check module (the prose checks and the error localiser) is inlined like the
// reader module below. The page UI and its loader are the served page's: www/nianbao.js (inline, with the
// manifest { inline: true }) mounts #app and defines <nianbao-validator>. The compat reader module
// (the .docx and PDF readers) is inlined the same way, its glue in a module of its own and its
// wasm as base64 in #nianbao-reader-wasm; the loader instantiates it only when such a file arrives.
//   node scripts/single-file.mjs PKG_DIR OUT.html
// ES2017 output (scripts/compat.sh patched the glue's one `?.`); checked by scripts/js-syntax.mjs.
// The Trunk-only lines of index.html (data-trunk links and scripts) are dropped, so the single file
// never registers a service worker.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loaderWithManifest, shippedCss } from './loader.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [pkg, out] = process.argv.slice(2);
if (!pkg || !out) {
  console.error('usage: single-file.mjs PKG_DIR OUT.html');
  process.exit(2);
}
const die = (msg) => {
  console.error(`single-file: ${msg}`);
  process.exit(1);
};

let html = readFileSync(join(root, 'www', 'index.html'), 'utf8');
const css = shippedCss(readFileSync(join(root, 'www', 'style.css'), 'utf8'));

// 1. a glue: remember the exported functions (the API handed to the loader), strip the exports
// (toolchain.md §7). scripts/compat.sh already made it ES2017 (scripts/es2017-glue.mjs).
function glue(name, needed) {
  let js = readFileSync(join(pkg, `${name}.js`), 'utf8');
  const api = [...js.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
  for (const fn of needed) {
    if (!api.includes(fn)) die(`the glue ${name}.js does not export ${fn}`);
  }
  js = js.replace(/^export (async function|function|class|const|let)\b/gm, '$1');
  js = js.replace(/^export \{[^}]*\};?[ \t]*$/gm, '');
  js = js.replace(/^export default [^;\n]+;?[ \t]*$/gm, '');
  const left = js.match(/^export\b.*$/gm);
  if (left) die(`unhandled export lines in the glue ${name}.js: ${left.slice(0, 3).join(' | ')}`);
  // import.meta.url is only used when init() gets no module; the loader always passes the bytes.
  // Replacing it keeps the inline script plain ES2017 (import.meta would need acorn's ES2020 mode).
  js = js.replace(/\bimport\.meta\.url\b/g, 'document.baseURI');
  if (/\bimport\.meta\b/.test(js)) die(`import.meta left in the glue ${name}.js`);
  if (js.includes('</script')) js = js.split('</script').join('<\\/script');
  if (!/\b(async )?function __wbg_init\b/.test(js)) die(`the glue ${name}.js has no function __wbg_init`);
  const wasm = readFileSync(join(pkg, `${name}_bg.wasm`));
  return { js, api, wasm };
}
const web = glue('nianbao_web', ['mount', 'check', 'check_async', 'version']);
const reader = glue('nianbao_reader', ['read', 'version']);
const full = glue('nianbao_full', ['full', 'version']);

// 2. the loader: www/nianbao.js with an inline manifest (the wasm comes from #nianbao-wasm)
let loader;
try {
  loader = loaderWithManifest({ inline: true });
} catch (e) {
  die(e.message);
}
if (loader.includes('</script')) die('www/nianbao.js contains </script');

// 3. the page: CSS inline, Trunk lines out, the loader in
const cssLink = /[ \t]*<link data-trunk rel="css" href="style.css"\s*\/?>\n?/;
if (!cssLink.test(html)) die('www/index.html: no <link data-trunk rel="css" href="style.css">');
html = html.replace(cssLink, () => `    <style id="nianbao-css">\n${css.replace(/<\/style/gi, '<\\/style')}\n    </style>\n`);
const icon = /<link data-trunk rel="icon" href="favicon.svg"\s*\/?>/;
if (!icon.test(html)) die('www/index.html: no <link data-trunk rel="icon" href="favicon.svg">');
const svg = readFileSync(join(root, 'www', 'favicon.svg'), 'utf8').trim();
html = html.replace(icon, () => `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(svg)}" />`);
html = html.replace(/[ \t]*<!--(?:(?!-->)[^])*-->\n?(?=[ \t]*<link data-trunk rel="rust")/, '');
html = html.replace(/[ \t]*<link data-trunk\b[^>]*>\n?/g, '');
html = html.replace(/[ \t]*<script data-trunk\b[^>]*>\s*<\/script>\n?/g, '');
if (/data-trunk/.test(html)) die('a data-trunk element is left in the page');

const boot = (g, hook, what) => `    <script type="module">
${g.js}
// nianbao single file: hand the inlined compat glue to the loader, which instantiates the inlined
// wasm (base64) asynchronously: ${what}.
self.${hook}('compat', __wbg_init, { ${g.api.map((f) => `${f}: ${f}`).join(', ')} });
    </script>
`;
// the wasm as data blocks (not executed, read by the loader), then the loader (classic: it runs
// before the deferred modules below are evaluated), then the two glues, each a module of its own
const data = (id, wasm) => `    <script type="application/octet-stream" id="${id}">${wasm.toString('base64')}</script>\n`;
const classic = `    <script>\n${loader}    </script>\n`;
if (!html.includes('</body>')) die('www/index.html: no </body>');
html = html.replace('</body>', () => data('nianbao-wasm', web.wasm) + data('nianbao-reader-wasm', reader.wasm)
  + data('nianbao-full-wasm', full.wasm) + classic
  + boot(web, '__nianbaoBoot', 'then it mounts the page (#nianbao-wasm)')
  + boot(reader, '__nianbaoReaderBoot', 'the reader module, only when a .docx or PDF file arrives (#nianbao-reader-wasm)')
  + boot(full, '__nianbaoFullBoot', 'the full-check module, when the user starts or at the first check (#nianbao-full-wasm)')
  + '  </body>');
html = html.replace('<title>', '<!-- nianbao single-file build: open it directly (file://), no server and no network needed -->\n    <title>');

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`single-file: ${out}: ${Buffer.byteLength(html)} bytes (wasm ${web.wasm.length} + reader ${reader.wasm.length} + full ${full.wasm.length} bytes, `
  + `glue ${Buffer.byteLength(web.js)} + ${Buffer.byteLength(reader.js)} + ${Buffer.byteLength(full.js)} bytes)`);
