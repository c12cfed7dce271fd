#!/usr/bin/env node
// Makes wasm-bindgen's `--target web` glue ES2017 (for the compat build, Chromium 78-95), in place:
// wasm-bindgen 0.2.130's debugString has one optional chain (`?.`, Chromium >= 80 syntax). Fails
// when that code changed shape, so a new wasm-bindgen cannot slip newer syntax in unnoticed (the
// result is also parsed with acorn at ES2017 by scripts/js-syntax.mjs).
//   node scripts/es2017-glue.mjs GLUE.js
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: es2017-glue.mjs GLUE.js');
  process.exit(2);
}
let js = readFileSync(file, 'utf8');
const chain = '/\\[object ([^\\]]+)\\]/.exec(toStringOutput)?.[1]';
if (js.includes(chain)) {
  js = js.split(chain).join('(/\\[object ([^\\]]+)\\]/.exec(toStringOutput) || [])[1]');
}
writeFileSync(file, js);
