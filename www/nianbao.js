/* nianbao loader: loads the validator (WebAssembly) and mounts it into the page and into every
 * <nianbao-validator> element. One classic script, ES5 syntax on purpose: it must run, and
 * explain, in browsers that cannot run the validator (old 360/IE modes, --jitless policies).
 *
 * Source template: the build (scripts/post-build.mjs, a Trunk post_build hook) writes
 * dist/nianbao.js with the MANIFEST line filled in (this build's hashed file names); the single
 * offline file (scripts/single-file.mjs) inlines it with { inline: true }.
 *
 * What it does:
 *  1. picks the build: "modern" (reference types, multi-value, bulk memory, sign extension,
 *     saturating float-to-int: Chromium >= 96, Firefox >= 79, Safari >= 15) when
 *     WebAssembly.validate accepts a tiny probe module for each of these features, else the
 *     "compat" build (Wasm Core 1.0 + mutable globals: Chromium 78-95, Firefox ESR 78);
 *  2. loads that build's wasm-bindgen glue as a module (a generated boot module imports it and
 *     hands it to window.__nianbaoBoot), then the wasm: fetch() first; when fetch is refused
 *     (e.g. `Content-Security-Policy: connect-src 'none'`) the same bytes from a script file
 *     (base64), which script-src 'self' allows;
 *  3. mounts the page into [data-nianbao="page"] (the served index.html's #app);
 *  4. defines <nianbao-validator lang="zh|en" compact> (Shadow DOM; the host page's CSS cannot
 *     reach in, ours cannot leak out); the element fires `nianbao-result` (bubbles, composed);
 *  5. after an internal error (a Rust panic aborts the wasm instance) the wasm side schedules a
 *     fresh instance and fires `nianbao-crash` on window; every mount is then rebuilt with its
 *     text kept and a notice, without reloading the page (at most 3 times per page);
 *  6. exposes window.nianbao = { ready, check(input, options), mount(el, options), unmount(el),
 *     variant, version } (see nianbao.d.ts);
 *  7. loads the reader module (the .docx and PDF readers, a second wasm module of the same
 *     variant) only when such a file arrives: the page's module calls
 *     window.__nianbaoRead(bytes) -> Promise<Uint8Array> (crates/web/src/read.rs), which boots the
 *     reader's glue (a boot module, or the inline module of the single file), instantiates its wasm
 *     (fetch, else the script copy, else the inline base64) once, and returns what its read()
 *     returns. A page where nobody picks such a file never requests it. The reader module also
 *     holds the rules' documentation: window.__nianbaoRuleDocs() -> Promise<string[]> when the
 *     rules panel is first opened;
 *  8. loads the full-check module (the rules, the prose checks and the error localiser, which the
 *     page's module leaves out to keep the first load small) as soon as the user starts to work
 *     with the page (a pointer, a key, a focus, a paste, a drag), or at the first check (the JS
 *     API's included) if that comes sooner: the page's module calls
 *     window.__nianbaoFull(document, terms) -> Promise<Uint8Array> after it checked the tables
 *     (window.__nianbaoFullNow for the synchronous check export: undefined until it is loaded).
 * No storage, no cookies, no request except this build's own files.
 */
(function () {
  'use strict';
  var MANIFEST = null; // nianbao:manifest
  var doc = document;
  if (window.nianbao && window.nianbao.loader) { return; }

  var current = doc.currentScript;
  var base = current && current.src ? current.src.replace(/[?#].*$/, '').replace(/[^\/]*$/, '') : '';

  var MSG = {
    nowasm: ['当前浏览器不支持 WebAssembly，无法运行校验程序。请换用较新的浏览器，或在 360 等双核浏览器中切换到“极速模式”。',
      'This browser does not support WebAssembly. Please use a newer browser (or the fast/Chromium mode of a dual-core browser).'],
    failed: ['校验程序加载失败：', 'The validator could not be loaded: '],
    failedTail: ['。请刷新页面，或换用较新的浏览器（如 Chrome、Edge、Firefox 的新版本，或 360 浏览器的极速模式）。',
      '. Please reload, or use a newer browser.'],
    nocompat: ['当前浏览器版本较旧，本站未提供兼容版校验程序。请换用较新的浏览器，或使用离线单文件版 nianbao.html。',
      'This browser is too old for this build and no compatibility build is installed here. Please use a newer browser or the offline single file nianbao.html.'],
    loading: ['正在加载校验程序……', 'Loading the validator…'],
    crashes: ['校验程序多次内部出错，已停止自动恢复。请刷新页面。', 'The validator failed repeatedly; please reload the page.'],
    noreader: ['这个版本的页面没有 Word/PDF 读取模块，无法读取 .docx 和 PDF 文件：请复制报告文字粘贴到文本框，或使用完整版页面。',
      'This build of the page has no reader module for Word and PDF files: copy the report text and paste it, or use the full page.'],
    nofull: ['这个版本的页面没有文字检查模块', 'this build of the page has no prose-check module']
  };

  /** Replaces el's content with a message paragraph (Chinese first, English second). */
  function message(el, kind, zh, en) {
    while (el.firstChild) { el.removeChild(el.firstChild); }
    var p = doc.createElement('p');
    p.className = 'message';
    p.setAttribute('id', kind === 'loading' ? 'boot' : 'message');
    p.setAttribute('data-kind', kind);
    if (kind !== 'loading') { p.setAttribute('role', 'alert'); }
    p.appendChild(doc.createTextNode(zh));
    var s = doc.createElement('span');
    s.className = 'en';
    s.setAttribute('lang', 'en');
    s.appendChild(doc.createTextNode(en));
    p.appendChild(s);
    el.appendChild(p);
  }

  function failure(el, e) {
    el.setAttribute('data-state', 'failed');
    if (e && e.nianbao) {
      message(el, 'load', e.nianbao[0], e.nianbao[1]);
      return;
    }
    var what = String(e && e.message ? e.message : e);
    message(el, 'load', MSG.failed[0] + what + MSG.failedTail[0], MSG.failed[1] + what + MSG.failedTail[1]);
  }

  function coded(pair) {
    var e = new Error(pair[1]);
    e.nianbao = pair;
    return e;
  }

  // Probe modules, one per post-MVP feature the modern build uses (generated with wat2wasm;
  // each is rejected by wasm-validate with that one feature disabled): reference types
  // (externref param), multi-value (two results), bulk memory (memory.copy), sign extension
  // (i32.extend8_s), saturating float-to-int (i32.trunc_sat_f32_s).
  var PROBES = [
    '0061736d0100000001050160016f00030201000a040102000b',
    '0061736d010000000106016000027f7f030201000a08010600410041000b',
    '0061736d010000000104016000000302010005030100010a0e010c00410041004100fc0a00000b',
    '0061736d010000000105016000017f030201000a070105004100c00b',
    '0061736d010000000105016000017f030201000a0b0109004300000000fc000b'
  ];

  function hexBytes(h) {
    var a = new Uint8Array(h.length / 2);
    for (var i = 0; i < a.length; i++) { a[i] = parseInt(h.substr(i * 2, 2), 16); }
    return a;
  }

  function modernSupported() {
    try {
      for (var i = 0; i < PROBES.length; i++) {
        if (!WebAssembly.validate(hexBytes(PROBES[i]))) { return false; }
      }
      return true;
    } catch (e) {
      return false;
    }
  }

  function base64Bytes(b64) {
    var bin = atob(b64.replace(/\s+/g, ''));
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return bytes;
  }

  function addScript(src, isModule, onload, onerror) {
    var s = doc.createElement('script');
    if (isModule) { s.type = 'module'; }
    s.src = src;
    s.onload = onload;
    s.onerror = onerror;
    (doc.head || doc.documentElement).appendChild(s);
  }

  var hasWasm = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
  var variant = null;

  // window.__nianbaoBoot(variant, init, api) is called by the boot module of the chosen build
  // (served) or by the inline glue (single file).
  var booted = new Promise(function (resolve, reject) {
    window.__nianbaoBoot = function (v, init, api) {
      if (hasWasm) { resolve({ variant: v, init: init, api: api }); }
    };
    if (!hasWasm) { reject(coded(MSG.nowasm)); return; }
    if (!MANIFEST) { reject(new Error('nianbao.js has no build manifest (use the built dist/nianbao.js)')); return; }
    if (MANIFEST.inline) { return; }
    variant = modernSupported() ? 'modern' : 'compat';
    var build = MANIFEST[variant];
    if (!build) { reject(coded(MSG.nocompat)); return; }
    var src = base + build.boot;
    // A module that fails to parse fires no error event on its <script>, only on window.
    window.addEventListener('error', function (e) {
      if (e && e.filename && e.filename.indexOf(base) === 0 && /nianbao-(app|compat|boot)/.test(e.filename)) {
        reject(new Error(String(e.message) + ' (' + e.filename + ')'));
      }
    });
    addScript(src, true, null, function () { reject(new Error('could not load ' + src)); });
  });

  /** A build's wasm: a fetch() Response (served), or the inline bytes of #id (single file). */
  function wasmSource(build, id) {
    if (MANIFEST.inline) {
      var data = doc.getElementById(id);
      if (!data) { return Promise.reject(new Error('the page has no inline wasm #' + id)); }
      return Promise.resolve(base64Bytes(data.textContent));
    }
    var url = base + build.wasm;
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status + ' ' + url); }
      return r;
    });
  }

  /** The same bytes from a script (connect-src 'none' refuses fetch, script-src 'self' allows
   * this), which stores them as window.nianbaoWasm[key]. */
  function wasmFromScript(build, key) {
    var url = base + build.wasmjs;
    return new Promise(function (resolve, reject) {
      addScript(url, false, function () {
        var store = window.nianbaoWasm || {};
        var b64 = store[key];
        delete store[key];
        if (typeof b64 !== 'string') { reject(new Error('no wasm in ' + url)); return; }
        resolve(base64Bytes(b64));
      }, function () { reject(new Error('could not load ' + url)); });
    });
  }

  /** init() of a wasm-bindgen glue with the build's wasm: fetch (or the inline bytes), else the
   * script copy. */
  function instantiate(init, build, id, key) {
    return init({ module_or_path: wasmSource(build, id) })['catch'](function (e) {
      if (MANIFEST.inline || !build.wasmjs) { throw e; }
      return init({ module_or_path: wasmFromScript(build, key) });
    });
  }

  var loaded = null; // the API once loaded
  var ready = booted.then(function (b) {
    return instantiate(b.init, MANIFEST[b.variant], 'nianbao-wasm', b.variant).then(function () {
      loaded = b.api;
      nb.variant = b.variant;
      nb.version = b.api.version();
      return b.api;
    });
  });
  ready['catch'](function () {}); // reported where it is used; never an unhandled rejection

  // The modules loaded on demand, each a wasm module of the variant loaded: 'reader' (the .docx
  // and PDF readers, the rules' documentation) and 'full' (the full check: the prose checks and the
  // error localiser). Each one's glue hands itself over through window[hook](variant, init, api):
  // its boot module, loaded on first use (served), or its inline module in the single file (at
  // page load; the wasm is still instantiated only on demand). Returns load() -> Promise of the
  // module's API; load.api is that API once it is instantiated.
  function onDemand(name, hook, missing) {
    var boots = {};
    var waiting = [];
    window[hook] = function (v, init, api) {
      boots[v] = { init: init, api: api };
      var w = waiting;
      waiting = [];
      for (var i = 0; i < w.length; i++) { w[i](); }
    };
    function boot(v) {
      return new Promise(function (resolve, reject) {
        if (boots[v]) { resolve(boots[v]); return; }
        waiting.push(function () { if (boots[v]) { resolve(boots[v]); } });
        if (MANIFEST.inline) {
          if (!doc.getElementById('nianbao-' + name + '-wasm')) { reject(coded(missing)); }
          return; // the inline module calls window[hook]
        }
        var build = MANIFEST[name] && MANIFEST[name][v];
        if (!build) { reject(coded(missing)); return; }
        var src = base + build.boot;
        var own = new RegExp('nianbao-(boot-)?' + name + '-');
        window.addEventListener('error', function (e) {
          if (e && e.filename && e.filename.indexOf(base) === 0 && own.test(e.filename)) {
            reject(new Error(String(e.message) + ' (' + e.filename + ')'));
          }
        });
        addScript(src, true, null, function () { reject(new Error('could not load ' + src)); });
      });
    }
    var loading = null; // Promise of the API, once asked for
    function load() {
      if (!loading) {
        loading = ready.then(function () {
          var v = nb.variant;
          return boot(v).then(function (b) {
            var build = MANIFEST.inline ? {} : MANIFEST[name][v];
            return instantiate(b.init, build, 'nianbao-' + name + '-wasm', name + '-' + v).then(function () {
              load.api = b.api;
              return b.api;
            });
          });
        });
        // a failed load is tried again at the next use
        loading['catch'](function () { loading = null; });
      }
      return loading;
    }
    load.api = null;
    return load;
  }
  var loadReader = onDemand('reader', '__nianbaoReaderBoot', MSG.noreader);
  var loadFull = onDemand('full', '__nianbaoFullBoot', MSG.nofull);

  // Called by the page's module after it checked a report's tables: the report's complete
  // findings (nianbao_core::rules::wire) from the full-check module, for the document it read
  // (nianbao_core::readers::wire) and the user's own terms.
  window.__nianbaoFull = function (document, terms) {
    return loadFull().then(function (api) { return api.full(document, terms); });
  };
  // The same for the synchronous check export: undefined while the module is not loaded yet
  // (asking starts loading it).
  window.__nianbaoFullNow = function (document, terms) {
    if (!loadFull.api) {
      loadFull()['catch'](function () {});
      return undefined;
    }
    return loadFull.api.full(document, terms);
  };
  // Every check needs the full-check module: it is fetched as soon as the user starts to work
  // with the validator (a pointer down, a key, a focus, a paste or a drag anywhere in the page,
  // widgets included: these events cross shadow roots), so that it is usually there by the first
  // check; a visitor who only looks never downloads it (the first load is the page's module alone).
  // A check before it arrives waits for it (the page says 正在检查…).
  var STARTS = ['pointerdown', 'keydown', 'focusin', 'paste', 'dragenter'];
  function userStarted() {
    for (var i = 0; i < STARTS.length; i++) { window.removeEventListener(STARTS[i], userStarted, true); }
    ready.then(function () { loadFull()['catch'](function () {}); }, function () {});
  }
  for (var k = 0; k < STARTS.length; k++) { window.addEventListener(STARTS[k], userStarted, true); }

  // Called by the page's module for a .docx or PDF file: the reader's result as bytes
  // (nianbao_core::readers::wire). After a timer tick, so that the page shows it is reading.
  window.__nianbaoRead = function (bytes) {
    return loadReader().then(function (api) {
      return new Promise(function (resolve, reject) {
        setTimeout(function () {
          try {
            resolve(api.read(bytes));
          } catch (e) {
            reject(e);
          }
        }, 0);
      });
    });
  };

  // Called by the page's module when its rules panel is first opened: every rule's
  // documentation, [id, zh, en, …], which only the reader module holds.
  window.__nianbaoRuleDocs = function () {
    return loadReader().then(function (api) { return api.rule_docs(); });
  };

  var mounts = [];

  function remember(el, options) {
    for (var i = 0; i < mounts.length; i++) {
      if (mounts[i].el === el) { mounts[i].options = options; return; }
    }
    mounts.push({ el: el, options: options });
  }

  function copy(o) {
    var r = {};
    if (o) { for (var k in o) { if (Object.prototype.hasOwnProperty.call(o, k)) { r[k] = o[k]; } } }
    return r;
  }

  var nb = {
    loader: true,
    ready: ready,
    variant: null,
    version: null,
    check: function (input, options) {
      // check_async: .docx and PDF bytes go through the reader module
      return ready.then(function (api) { return api.check_async(input, options); });
    },
    unmount: function (el) {
      for (var i = 0; i < mounts.length; i++) {
        if (mounts[i].el === el) { mounts.splice(i, 1); break; }
      }
      return ready.then(function (api) { return api.unmount(el); });
    },
    mount: function (el, options) {
      var o = copy(options);
      return ready.then(function (api) {
        delete o.recovered;
        delete o.text;
        remember(el, o);
        api.mount(el, options);
      });
    }
  };
  window.nianbao = nb;

  // After a panic: the wasm side already showed a message, dropped its listeners and scheduled a
  // fresh instance; the next export call (mount) creates it. Text boxes are kept.
  var crashes = 0;
  window.addEventListener('nianbao-crash', function () {
    crashes++;
    // Never call into the module inside this listener (the dead instance is still on the stack).
    // The first call after the panic creates the fresh instance: restart() (no arguments, no
    // result, so nothing is converted for the dead instance; see lib.rs `restart`), from a
    // microtask, before any late callback of the dead instance (a file read) can run.
    Promise.resolve().then(function () {
      if (loaded && typeof loaded.restart === 'function') {
        try {
          loaded.restart();
        } catch (e) {
          if (window.console && console.error) { console.error('nianbao: restart failed', e); }
        }
      }
    });
    setTimeout(function () {
      ready.then(function (api) {
        for (var i = 0; i < mounts.length; i++) {
          var m = mounts[i];
          if (crashes > 3) { failure(m.el, coded(MSG.crashes)); continue; }
          var o = copy(m.options);
          var box = m.el.querySelector('textarea');
          if (box && box.value) { o.text = box.value; }
          o.recovered = true;
          try {
            api.mount(m.el, o);
          } catch (e) {
            failure(m.el, e);
          }
        }
      });
    }, 0);
  });

  function mountPage() {
    var app = doc.querySelector('[data-nianbao="page"]');
    if (!app) { return; }
    if (!hasWasm) { failure(app, coded(MSG.nowasm)); return; }
    nb.mount(app, { mode: 'page' })['catch'](function (e) {
      if (window.console && console.error) { console.error('nianbao: could not start', e); }
      failure(app, e);
    });
  }

  // <nianbao-validator lang="zh|en" compact>: ES5 custom element (Reflect.construct), so this
  // file still parses, and explains, where classes are not supported.
  function defineElement() {
    if (!window.customElements || typeof Reflect !== 'object' || customElements.get('nianbao-validator')) { return; }
    function NianbaoValidator() {
      return Reflect.construct(HTMLElement, [], NianbaoValidator);
    }
    NianbaoValidator.prototype = Object.create(HTMLElement.prototype);
    NianbaoValidator.prototype.constructor = NianbaoValidator;
    Object.setPrototypeOf(NianbaoValidator, HTMLElement);
    Object.defineProperty(NianbaoValidator, 'observedAttributes', {
      get: function () { return ['lang', 'compact']; }
    });
    NianbaoValidator.prototype.connectedCallback = function () {
      if (this.nianbaoBox) { return; }
      var root = this.attachShadow({ mode: 'open' });
      if (MANIFEST && MANIFEST.css) {
        var link = doc.createElement('link');
        link.setAttribute('rel', 'stylesheet');
        link.setAttribute('href', base + MANIFEST.css);
        root.appendChild(link);
      } else {
        // single file: the page's own inline stylesheet
        var own = doc.getElementById('nianbao-css');
        if (own) {
          var style = doc.createElement('style');
          style.textContent = own.textContent;
          root.appendChild(style);
        }
      }
      var box = doc.createElement('div');
      box.className = 'nianbao-widget';
      box.setAttribute('data-state', 'loading');
      root.appendChild(box);
      message(box, 'loading', MSG.loading[0], MSG.loading[1]);
      this.nianbaoBox = box;
      this.nianbaoMount(false);
    };
    NianbaoValidator.prototype.attributeChangedCallback = function (name, old, value) {
      if (this.nianbaoBox && old !== value) { this.nianbaoMount(true); }
    };
    NianbaoValidator.prototype.nianbaoMount = function (keepText) {
      var box = this.nianbaoBox;
      var o = { mode: 'widget', lang: this.getAttribute('lang') === 'en' ? 'en' : 'zh', compact: this.hasAttribute('compact') };
      var area = keepText ? box.querySelector('textarea') : null;
      if (area && area.value) { o.text = area.value; }
      if (!hasWasm) { failure(box, coded(MSG.nowasm)); return; }
      nb.mount(box, o)['catch'](function (e) { failure(box, e); });
    };
    customElements.define('nianbao-validator', NianbaoValidator);
  }

  defineElement();
  if (doc.readyState === 'loading') {
    doc.addEventListener('DOMContentLoaded', mountPage);
  } else {
    mountPage();
  }
})();
