// Garbage of every JavaScript type, for the functions the wasm module exports (check, mount,
// unmount, restart, version). A function expression: called with the seed report's text, it returns
// [{ label, make }], where make() creates the value (fresh each time: some are consumed).
// Used by tests/e2e/garbage.mjs (the release glue in Chromium 78 and current, modern and compat)
// and crates/web/tests/boundary.rs (include_str!: the Rust functions in wasm-bindgen-test).
// ES2017 (Chromium 78 runs it); needs a DOM.
(function (seed) {
  'use strict';
  var values = [];
  function add(label, make) { values.push({ label: label, make: make }); }
  function thrower() { throw new Error('a getter that throws'); }
  // transfers the buffer away (it becomes detached) without a message reaching anyone
  function detach(buffer) { new MessageChannel().port1.postMessage(null, [buffer]); }
  var MiB = 1024 * 1024;
  add('undefined', function () { return undefined; });
  add('null', function () { return null; });
  add('true', function () { return true; });
  add('0', function () { return 0; });
  add('-0', function () { return -0; });
  add('NaN', function () { return NaN; });
  add('-Infinity', function () { return -Infinity; });
  add('1.5', function () { return 1.5; });
  add('2^53', function () { return Math.pow(2, 53); });
  if (typeof BigInt === 'function') { add('BigInt', function () { return BigInt(12345678901234567890); }); }
  add('Symbol()', function () { return Symbol('x'); });
  add('Symbol.iterator', function () { return Symbol.iterator; });
  add('empty string', function () { return ''; });
  add('lone surrogates', function () { return '\ud800\udfff\ud800x\udc00'; });
  add('NUL and controls', function () { return '\u0000\u0001\u001b[31m\u007f'; });
  add('string of 40 Mi chars', function () { return 'x'.repeat(40 * MiB); });
  add('{}', function () { return {}; });
  add('Object.create(null)', function () { return Object.create(null); });
  add('[]', function () { return []; });
  add('[seed]', function () { return [seed]; });
  add('array-like {length: 1e9}', function () { return { length: 1e9, 0: 1 }; });
  add('function', function () { return function () { return seed; }; });
  add('class', function () { return class A {}; });
  add('new Date()', function () { return new Date(); });
  add('/regexp/', function () { return /x/g; });
  add('new Error()', function () { return new Error('x'); });
  add('a promise', function () { return Promise.resolve(seed); });
  add('new Map([[lang, en]])', function () { return new Map([['lang', 'en']]); });
  add('new Set()', function () { return new Set(); });
  add('new WeakMap()', function () { return new WeakMap(); });
  add('new String(seed)', function () { return new String(seed); });
  add('new Number(1)', function () { return new Number(1); });
  add('new Boolean(false)', function () { return new Boolean(false); });
  add('object with throwing toString/valueOf/toPrimitive', function () {
    var o = { toString: thrower, valueOf: thrower };
    o[Symbol.toPrimitive] = thrower;
    return o;
  });
  add('object with a throwing getter lang', function () { return Object.defineProperty({}, 'lang', { get: thrower, enumerable: true }); });
  add('object with a throwing getter mode', function () { return Object.defineProperty({}, 'mode', { get: thrower, enumerable: true }); });
  add('object with 10000 keys', function () { var o = {}; for (var i = 0; i < 10000; i++) { o['k' + i] = i; } return o; });
  add('object with a symbol key', function () { var o = {}; o[Symbol('lang')] = 'en'; return o; });
  add('{ lang: Symbol() }', function () { return { lang: Symbol('en') }; });
  add('{ lang: BigInt }', function () { return { lang: typeof BigInt === 'function' ? BigInt(1) : 1 }; });
  add('{ lang: {} }', function () { return { lang: {} }; });
  add('{ name: a huge string }', function () { return { name: 'n'.repeat(40 * MiB) }; });
  add('{ text: a huge string }', function () { return { text: 't'.repeat(40 * MiB) }; });
  add('{ compact: "yes" }', function () { return { compact: 'yes' }; });
  add('Proxy {}', function () { return new Proxy({}, {}); });
  add('Proxy with throwing traps', function () {
    return new Proxy({}, { get: thrower, has: thrower, ownKeys: thrower, getPrototypeOf: thrower, getOwnPropertyDescriptor: thrower });
  });
  add('revoked Proxy', function () { var p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; });
  add('revoked Proxy of an array', function () { var p = Proxy.revocable([], {}); p.revoke(); return p.proxy; });
  add('Proxy of a Uint8Array', function () { return new Proxy(new TextEncoder().encode(seed), {}); });
  add('Proxy of a div', function () { return new Proxy(document.createElement('div'), {}); });
  add('window', function () { return window; });
  add('document', function () { return document; });
  add('a NodeList', function () { return document.querySelectorAll('*'); });
  add('a text node', function () { return document.createTextNode(seed); });
  add('a comment', function () { return document.createComment('x'); });
  add('a DocumentFragment', function () { return document.createDocumentFragment(); });
  add('an open shadow root', function () { return document.createElement('div').attachShadow({ mode: 'open' }); });
  add('an Attr', function () { return document.createAttribute('x'); });
  add('Object.create(Element.prototype)', function () { return Object.create(Element.prototype); });
  add('Object.create(HTMLDivElement.prototype)', function () { return Object.create(HTMLDivElement.prototype); });
  add('an element of another document', function () { return document.implementation.createHTMLDocument('x').createElement('div'); });
  add('an element of an XML document', function () { return new DOMParser().parseFromString('<r/>', 'application/xml').documentElement; });
  add('an element of an iframe (another realm)', function () {
    var f = document.createElement('iframe');
    document.body.appendChild(f);
    return f.contentDocument.createElement('div');
  });
  add('an SVG element', function () { return document.createElementNS('http://www.w3.org/2000/svg', 'svg'); });
  add('a <template>', function () { return document.createElement('template'); });
  add('a <textarea>', function () { return document.createElement('textarea'); });
  add('an <img>', function () { return document.createElement('img'); });
  add('a <script>', function () { return document.createElement('script'); });
  add('Object.create(Uint8Array.prototype)', function () { return Object.create(Uint8Array.prototype); });
  add('Object.create(ArrayBuffer.prototype)', function () { return Object.create(ArrayBuffer.prototype); });
  add('a Uint8Array with an own length getter that throws', function () {
    return Object.defineProperty(new TextEncoder().encode(seed), 'length', { get: thrower });
  });
  add('a Uint8Array whose own length lies (1e9)', function () {
    return Object.defineProperty(new Uint8Array(4), 'length', { value: 1e9 });
  });
  add('a Float64Array with a Uint8Array prototype', function () { return Object.setPrototypeOf(new Float64Array(3), Uint8Array.prototype); });
  add('a DataView with a Uint8Array prototype', function () { return Object.setPrototypeOf(new DataView(new ArrayBuffer(4)), Uint8Array.prototype); });
  add('a Uint8Array subclass', function () { class U extends Uint8Array {} return new U(new TextEncoder().encode(seed)); });
  add('Uint16Array', function () { return new Uint16Array([1, 2, 3]); });
  add('Int8Array', function () { return new Int8Array([-1, 2]); });
  add('Uint8ClampedArray', function () { return new Uint8ClampedArray(new TextEncoder().encode(seed)); });
  add('Float64Array', function () { return new Float64Array([NaN, 1e308]); });
  add('DataView', function () { return new DataView(new TextEncoder().encode(seed).buffer); });
  add('detached ArrayBuffer', function () { var b = new ArrayBuffer(8); detach(b); return b; });
  add('a Uint8Array of a detached buffer', function () { var u = new Uint8Array(8); detach(u.buffer); return u; });
  add('an empty ArrayBuffer', function () { return new ArrayBuffer(0); });
  add('a Uint8Array view into the middle of a buffer', function () {
    var bytes = new TextEncoder().encode('xxxx' + seed + 'yyyy');
    return new Uint8Array(bytes.buffer, 4, bytes.length - 8);
  });
  add('ArrayBuffer of 40 MiB', function () { return new ArrayBuffer(40 * MiB); });
  add('Uint8Array of 40 MiB', function () { return new Uint8Array(40 * MiB); });
  add('random bytes (1 MiB)', function () {
    var u = new Uint8Array(MiB), x = 12345;
    for (var i = 0; i < u.length; i++) { x = (x * 1103515245 + 12345) >>> 0; u[i] = x >>> 24; }
    return u;
  });
  if (typeof SharedArrayBuffer === 'function') { add('SharedArrayBuffer', function () { return new SharedArrayBuffer(8); }); }
  if (typeof WebAssembly === 'object') { add('a WebAssembly.Memory', function () { return new WebAssembly.Memory({ initial: 1 }); }); }

  return values;
})
