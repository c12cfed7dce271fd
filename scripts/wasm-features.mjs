#!/usr/bin/env node
// Prints the `target_features` custom section of a .wasm (one `+feature` per line), and with
// --expect-mvp fails unless it is absent, empty or only `+mutable-globals` (the Wasm Core 1.0
// profile of the compat build, browser-floor.md §5.1 item 2).
//   node scripts/wasm-features.mjs [--expect-mvp] FILE.wasm...
import { readFileSync } from 'node:fs';

function leb(buf, pos) {
  let result = 0, shift = 0, b;
  do {
    b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [result, pos];
}

/** The features of the `target_features` section, e.g. ['+mutable-globals'], or null when absent. */
export function targetFeatures(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  let pos = 8;
  while (pos < buf.length) {
    const id = buf[pos++];
    let size;
    [size, pos] = leb(buf, pos);
    const end = pos + size;
    if (id === 0) {
      let [nlen, p] = leb(buf, pos);
      const name = buf.toString('utf8', p, p + nlen);
      p += nlen;
      if (name === 'target_features') {
        let count;
        [count, p] = leb(buf, p);
        const out = [];
        for (let i = 0; i < count; i++) {
          const prefix = String.fromCharCode(buf[p++]);
          let len;
          [len, p] = leb(buf, p);
          out.push(prefix + buf.toString('utf8', p, p + len));
          p += len;
        }
        return out;
      }
    }
    pos = end;
  }
  return null;
}

const argv = process.argv.slice(2);
const expectMvp = argv[0] === '--expect-mvp';
const files = expectMvp ? argv.slice(1) : argv;
let bad = 0;
for (const f of files) {
  const feats = targetFeatures(readFileSync(f));
  const shown = feats === null ? '(no target_features section)' : feats.length ? feats.join(' ') : '(empty)';
  console.log(`${f}: ${shown}`);
  if (expectMvp) {
    const extra = (feats || []).filter((x) => x !== '+mutable-globals');
    if (extra.length) {
      console.error(`wasm-features: ${f} is not a Core 1.0 (MVP + mutable-globals) module: ${extra.join(' ')}`);
      bad++;
    }
  }
}
process.exit(bad ? 1 : 0);
