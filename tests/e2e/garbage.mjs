import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Garbage of every JavaScript type (tests/e2e/garbage.js) for every function the wasm module exports
// (the raw API that `nianbao.ready` resolves with: check, mount, unmount, restart, version), run inside the page by
// tests/e2e/boundary.test.mjs (Playwright: modern and compat build) and tests/e2e/old-chromium.test.mjs
// (Chromium 78 over CDP). `GARBAGE` is the source of a page function (ES2017: Chromium 78 runs it)
// that resolves with one record per call, and `verdictOf` judges them in Node.
//
// It first waits for the full-check module (nianbao.check), then calls the raw exports.
// A call may return (check: the contract object; mount: undefined; unmount: a boolean) or throw an
// Error whose message starts in Chinese and has the English after " / ". It must never trap (a
// WebAssembly.RuntimeError, the panic hook's nianbao-crash event, console.error), never throw
// anything but an Error, and the validator must work normally afterwards.

const values = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'garbage.js'), 'utf8');

export const GARBAGE = `(function (seed) {
  'use strict';
  var values = (${values.trim()})(seed);
  // nianbao.check first: it waits for the full-check module, so that the synchronous check below
  // checks (with its rules) and a mount shows its result at once
  return window.nianbao.check(seed).then(function (first) {
    return window.nianbao.ready.then(function (api) { return [api, first]; });
  }).then(function (both) {
    var api = both[0];
    var first = both[1];
    var crashes = 0;
    window.addEventListener('nianbao-crash', function () { crashes++; });
    var box = document.createElement('div');
    document.body.appendChild(box);
    var calls = [
      ['check(v)', function (v) { return api.check(v); }],
      ['check(seed, v)', function (v) { return api.check(seed, v); }],
      ['check(seed, { lang: v })', function (v) { return api.check(seed, { lang: v }); }],
      ['check(seed, { name: v })', function (v) { return api.check(seed, { name: v }); }],
      ['mount(v)', function (v) { var r = api.mount(v); api.unmount(v); return r; }],
      ['mount(v, { mode: "widget" })', function (v) { var r = api.mount(v, { mode: 'widget' }); api.unmount(v); return r; }],
      ['mount(div, v)', function (v) { return api.mount(box, v); }],
      ['mount(div, { mode: v })', function (v) { return api.mount(box, { mode: v }); }],
      ['mount(div, { text: v, compact: true })', function (v) { return api.mount(box, { text: v, compact: true }); }],
      ['unmount(v)', function (v) { return api.unmount(v); }],
      ['restart(v)', function (v) { return api.restart(v); }],
      ['version(v)', function (v) { return api.version(v); }]
    ];
    var records = [];
    for (var c = 0; c < calls.length; c++) {
      for (var i = 0; i < values.length; i++) {
        var r = { call: calls[c][0], value: values[i].label };
        var t0 = Date.now();
        try {
          var out = calls[c][1](values[i].make());
          r.returned = out === null ? 'null' : typeof out;
          if (out && typeof out === 'object' && typeof out.verdict === 'string') { r.verdict = out.verdict; }
        } catch (e) {
          r.threwError = e instanceof Error;
          r.name = e && e.name;
          r.message = String(e && e.message !== undefined ? e.message : e);
        }
        r.ms = Date.now() - t0;
        records.push(r);
      }
    }
    api.unmount(box);
    // still working: the seed passes, and a fresh mount checks it through the page
    var after = api.check(seed);
    var probe = document.createElement('div');
    document.body.appendChild(probe);
    api.mount(probe, { text: seed });
    probe.querySelector('#check').click();
    var shown = probe.querySelector('#verdict') && probe.querySelector('#verdict').getAttribute('data-verdict');
    api.unmount(probe);
    return { records: records, crashes: crashes, first: first.complete, after: after.verdict, afterComplete: after.complete,
      shown: shown, version: api.version() };
  });
})`;

const CJK = /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/**
 * Problems in what GARBAGE returned, as lines (empty: all good): traps, non-Error throws, messages
 * not Chinese first with the English after " / ", and results of the wrong type.
 */
export function verdictOf(result) {
  const problems = [];
  const expectReturn = { check: 'object', mount: 'undefined', unmount: 'boolean', restart: 'undefined', version: 'string' };
  for (const r of result.records) {
    const what = `${r.call} with ${r.value}`;
    const fn = r.call.split('(')[0];
    if (r.message !== undefined) {
      if (r.name === 'RuntimeError' || /unreachable|out of bounds|out of memory|recursive|after being dropped/i.test(r.message)) {
        problems.push(`${what}: TRAP ${r.name}: ${r.message}`);
      } else if (!r.threwError) {
        problems.push(`${what}: threw a non-Error: ${r.message}`);
      } else if (!CJK.test(r.message) || !/ \/ [A-Za-z]/.test(r.message)) {
        problems.push(`${what}: message not Chinese first, English second: ${r.message.slice(0, 200)}`);
      }
    } else if (r.returned !== expectReturn[fn]) {
      problems.push(`${what}: returned ${r.returned}, expected ${expectReturn[fn]}`);
    } else if (fn === 'check' && typeof r.verdict !== 'string') {
      problems.push(`${what}: returned an object without a verdict`);
    }
  }
  if (result.crashes !== 0) problems.push(`nianbao-crash fired ${result.crashes} times (a panic)`);
  if (result.first !== true) problems.push('nianbao.check(seed) did not check it completely (the full-check module)');
  if (result.after !== 'warn' || result.afterComplete !== true) {
    problems.push(`afterwards check(seed) gave ${result.after} (complete: ${result.afterComplete}), not a complete warn`);
  }
  if (result.shown !== 'warn') problems.push(`afterwards a fresh mount showed ${result.shown}, not warn`);
  return problems;
}
