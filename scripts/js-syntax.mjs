#!/usr/bin/env node
// JS syntax level check (browser-floor.md §5.1 item 3): every file (or every inline <script> of
// an .html file) must parse with acorn at ecmaVersion 2017, so no `?.`, `??`, `??=`/`||=`/`&&=`,
// BigInt literals, class fields, object rest/spread or top-level await can slip in.
//   node scripts/js-syntax.mjs [--allow-import-meta] FILE.js|FILE.html...
// --allow-import-meta: `import.meta` (Chromium 64; acorn only accepts it from ES2020) is allowed
// in module scripts; it is masked before parsing. Module scripts (`<script type="module">`, *.mjs,
// or files with import/export) parse as sourceType "module". Dynamic import() is rejected too
// (ES2020; it cannot work from file:// anyway).
import { readFileSync } from 'node:fs';
import { parse } from 'acorn';

const argv = process.argv.slice(2);
const allowImportMeta = argv.includes('--allow-import-meta');
const files = argv.filter((a) => !a.startsWith('--'));
let bad = 0;

function check(label, code, isModule) {
  let src = code;
  if (allowImportMeta) src = src.replace(/\bimport\.meta\b/g, 'import_meta');
  try {
    parse(src, { ecmaVersion: 2017, sourceType: isModule ? 'module' : 'script' });
    console.log(`js-syntax: ${label}: ES2017 ${isModule ? 'module' : 'script'} OK`);
  } catch (e) {
    const lines = src.split('\n');
    const line = e.loc ? lines[e.loc.line - 1] : '';
    const near = e.loc ? line.slice(Math.max(0, e.loc.column - 60), e.loc.column + 60) : '';
    console.error(`js-syntax: ${label}: not ES2017: ${e.message}\n    near: ${near}`);
    bad++;
  }
}

for (const f of files) {
  const text = readFileSync(f, 'utf8');
  if (/\.html?$/.test(f)) {
    const re = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
    let m, i = 0;
    while ((m = re.exec(text))) {
      i++;
      if (/\bsrc\s*=/.test(m[1])) continue;
      if (/type\s*=\s*["']?(?!module|text\/javascript)[^"'\s>]+/i.test(m[1])) continue; // data blocks
      check(`${f} <script> #${i}`, m[2], /type\s*=\s*["']?module/i.test(m[1]));
    }
  } else {
    check(f, text, /\.mjs$/.test(f) || /^\s*(import|export)\b/m.test(text));
  }
}
process.exit(bad ? 1 : 0);
