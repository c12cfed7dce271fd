// www/nianbao.js (the loader) with a build manifest filled into its marked line
// `var MANIFEST = null; // nianbao:manifest`. Used by scripts/post-build.mjs (dist/nianbao.js, this
// build's file names) and scripts/single-file.mjs ({ inline: true }). Throws when the line is gone.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = /^( *)var MANIFEST = null; \/\/ nianbao:manifest$/m;

export function loaderWithManifest(manifest) {
  const loader = readFileSync(join(root, 'www', 'nianbao.js'), 'utf8');
  if (!marker.test(loader)) throw new Error('www/nianbao.js lost its `var MANIFEST = null; // nianbao:manifest` line');
  return loader.replace(marker, (_, ind) => `${ind}var MANIFEST = ${JSON.stringify(manifest)}; // nianbao:manifest`);
}

// www/style.css as it is shipped: without its comments (about 30 % of its gzip bytes: they explain
// the rules to whoever edits the file), blank lines and trailing blanks. A small scanner, not a
// regular expression, so that a `/*` inside a quoted string stays. Throws on an unterminated
// comment or string, so that a broken stylesheet fails the build instead of being cut.
export function shippedCss(css) {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      if (end < 0) throw new Error('www/style.css: a comment is not closed');
      i = end + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      if (j >= css.length) throw new Error('www/style.css: a string is not closed');
      out += css.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return `${out.split('\n').map((l) => l.replace(/\s+$/, '')).filter((l) => l !== '').join('\n')}\n`;
}

// Shipped JavaScript (the loader, the wasm-bindgen glue of every build): minified by terser, whose
// output is held to ES2017 (`ecma: 2017`: no syntax an old browser lacks is introduced; the result is
// parsed again by scripts/js-syntax.mjs in scripts/test.sh). Names inside the code are mangled,
// property names never (the glue's imports are looked up by name). `module`: the source is an ES
// module (the glue), else a classic script (the loader). `preamble`: a first comment line kept.
// About a third of the gzip bytes of the glue and a quarter of the loader's (issue 11's first load).
export async function shippedJs(src, { module = false, preamble } = {}) {
  const r = await minify(src, {
    ecma: 2017,
    module,
    compress: { ecma: 2017, passes: 2 },
    mangle: true,
    format: { ecma: 2017, comments: false, preamble },
  });
  if (typeof r.code !== 'string' || r.code === '') throw new Error('terser returned no code');
  return `${r.code}\n`;
}
