// nianbao service worker: the served page keeps working offline once it has been opened.
// Source template; the Trunk post_build hook (scripts/post-build.mjs) writes dist/sw.js with the
// two marked lines filled in: the build hash and the files to precache (the page, the modern
// build and the modern full-check module; the compat build, the reader module and the
// wasm-as-script files are cached when a browser first uses them).
// ES2017, no ?. / ?? (browser-floor.md §3). Registered by www/sw-register.js only in a secure
// context (https, 127.0.0.1/localhost), never from file://.
//
// Strategy:
//   - install: precache every asset of this build in the cache `nianbao-<build hash>`, then
//     skipWaiting();
//   - activate: delete every other `nianbao-*` cache (older builds), then clients.claim(): a new
//     build takes over open pages at once, no reload prompt. That is safe because every asset
//     except index.html has a content hash in its name, and a loaded page fetches nothing later;
//   - fetch: page navigations are network-first (a new deployment is seen at once, the cached
//     index.html when offline); everything else of this origin is cache-first, and a file that
//     was not precached is added to this build's cache when it is first fetched.
'use strict';

var BUILD = 'dev'; // nianbao:build
var ASSETS = []; // nianbao:assets
var PREFIX = 'nianbao-';
var CACHE = PREFIX + BUILD;

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // cache: 'reload' bypasses the HTTP cache, so the precache is exactly this build's files
      return cache.addAll(ASSETS.map(function (a) { return new Request(a, { cache: 'reload' }); }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) {
        return k.indexOf(PREFIX) === 0 && k !== CACHE;
      }).map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function fromCache(request, fallback) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: true }).then(function (hit) {
      if (hit || !fallback) { return hit; }
      return cache.match(fallback);
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') { return; }
  if (new URL(request.url).origin !== self.location.origin) { return; }
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(function (err) {
      return fromCache(request, './').then(function (hit) {
        if (hit) { return hit; }
        throw err;
      });
    }));
    return;
  }
  event.respondWith(fromCache(request, null).then(function (hit) {
    if (hit) { return hit; }
    return fetch(request).then(function (response) {
      if (response.ok && response.type === 'basic') {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
      }
      return response;
    });
  }));
});
