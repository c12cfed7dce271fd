#!/usr/bin/env node
// Bundles the compat build into ONE self-contained HTML page that works when opened from file://
// (toolchain.md §7): www/index.html with www/style.css inlined as <style>, the wasm-bindgen
// `--target web` glue inlined in a <script type="module"> with its `export`s stripped, and the
// wasm inlined as base64 and handed to the glue as bytes (async init, never initSync). Nothing is
// fetched. The page UI is the same as the served page: mount(#app), which is what start() does.
//   node scripts/single-file.mjs PKG_DIR OUT.html
// ES2017 output: the glue's one `?.` (debugString) is patched; the result is checked by
// scripts/js-syntax.mjs. The Trunk-only lines of index.html (data-trunk links and scripts) are
// dropped, so the single file never registers a service worker.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

let js = readFileSync(join(pkg, 'nianbao_web.js'), 'utf8');
const wasm = readFileSync(join(pkg, 'nianbao_web_bg.wasm'));
let html = readFileSync(join(root, 'www', 'index.html'), 'utf8');
const css = readFileSync(join(root, 'www', 'style.css'), 'utf8');

// 1. the glue: strip exports (toolchain.md §7)
js = js.replace(/^export (async function|function|class|const|let)\b/gm, '$1');
js = js.replace(/^export \{[^}]*\};?[ \t]*$/gm, '');
js = js.replace(/^export default [^;\n]+;?[ \t]*$/gm, '');
const left = js.match(/^export\b.*$/gm);
if (left) die(`unhandled export lines in the glue: ${left.slice(0, 3).join(' | ')}`);
// 2. ES2017: the one optional chain of wasm-bindgen 0.2.130's debugString (Chromium >= 80 syntax)
const chain = '/\\[object ([^\\]]+)\\]/.exec(toStringOutput)?.[1]';
if (js.includes(chain)) {
  js = js.split(chain).join('(/\\[object ([^\\]]+)\\]/.exec(toStringOutput) || [])[1]');
}
// import.meta.url is only used when init() gets no module; we always pass the bytes. Replacing it
// keeps the inline script plain ES2017 (import.meta would need acorn's ES2020 mode to check).
js = js.replace(/\bimport\.meta\.url\b/g, 'document.baseURI');
if (/\bimport\.meta\b/.test(js)) die('import.meta left in the glue');
if (js.includes('</script')) js = js.split('</script').join('<\\/script');
for (const fn of ['__wbg_init', 'mount']) {
  if (!new RegExp(`\\b(async )?function ${fn}\\b`).test(js)) die(`the glue has no function ${fn}`);
}

// 3. the page: CSS inline, Trunk lines out, the loader in
const cssLink = /[ \t]*<link data-trunk rel="css" href="style.css"\s*\/?>\n?/;
if (!cssLink.test(html)) die('www/index.html: no <link data-trunk rel="css" href="style.css">');
html = html.replace(cssLink, () => `    <style>\n${css.replace(/<\/style/gi, '<\\/style')}\n    </style>\n`);
html = html.replace(/[ \t]*<!--(?:(?!-->)[^])*-->\n?(?=[ \t]*<link data-trunk rel="rust")/, '');
html = html.replace(/[ \t]*<link data-trunk\b[^>]*>\n?/g, '');
html = html.replace(/[ \t]*<script data-trunk\b[^>]*>\s*<\/script>\n?/g, '');
if (/data-trunk/.test(html)) die('a data-trunk element is left in the page');

const b64 = wasm.toString('base64');
const loader = `    <script type="module">
${js}
// nianbao single file: the wasm is inlined (base64) and instantiated from bytes, asynchronously.
(function () {
  function failed(e) { if (window.nianbaoLoadFailed) { window.nianbaoLoadFailed(e); } }
  if (typeof WebAssembly !== 'object') { return; }
  var b64 = document.getElementById('nianbao-wasm').textContent;
  var bin = atob(b64.replace(/\\s+/g, ''));
  var bytes = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
  __wbg_init({ module_or_path: bytes }).then(function () {
    var app = document.getElementById('app') || document.body;
    mount(app);
  }).catch(failed);
})();
    </script>
`;
// the wasm as a data block: not executed, read by the loader
const data = `    <script type="application/octet-stream" id="nianbao-wasm">${b64}</script>\n`;
if (!html.includes('</body>')) die('www/index.html: no </body>');
html = html.replace('</body>', () => `${data}${loader}  </body>`);
html = html.replace('<title>', '<!-- nianbao single-file build: open it directly (file://), no server and no network needed -->\n    <title>');

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`single-file: ${out}: ${Buffer.byteLength(html)} bytes (wasm ${wasm.length} bytes, glue ${Buffer.byteLength(js)} bytes)`);
