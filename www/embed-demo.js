// The host page's own script (www/embed-demo.html): shows the widget's last verdict in the sidebar.
// `nianbao-result` bubbles out of the widget's shadow root (composed) with
// detail = { verdict, errors, warnings, file, report } (see nianbao.d.ts).
(function () {
  'use strict';
  var LABEL = { pass: '通过', warn: '有警告', fail: '有错误', unreadable: '无法读取' };
  document.addEventListener('nianbao-result', function (e) {
    var d = e.detail || {};
    var status = document.getElementById('host-status');
    if (!status) { return; }
    status.setAttribute('data-verdict', d.verdict || '');
    status.textContent = '最近一次校验：' + (LABEL[d.verdict] || d.verdict) + '（错误 ' + d.errors + ' 处，警告 ' + d.warnings + ' 处）'
      + (d.report && d.report.agency ? '　' + d.report.agency : '');
  });
})();
