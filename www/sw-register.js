// Registers the offline service worker (www/sw.js -> dist/sw.js) for the served page.
// Only in a secure context (https, or http://127.0.0.1 / localhost) and never from file:// (the
// single-file build does not include this script at all). Plain 政务内网 http:// hosts are not
// secure contexts: there the page simply works online, as before. ES5 on purpose.
(function () {
  if (!window.isSecureContext || !('serviceWorker' in navigator)) { return; }
  if (location.protocol !== 'https:' && location.protocol !== 'http:') { return; }
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('sw.js').catch(function (e) {
      if (window.console && console.warn) { console.warn('nianbao: offline cache not available:', e); }
    });
  });
})();
