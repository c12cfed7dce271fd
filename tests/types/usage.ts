// Compiled (never run) by scripts/test.sh with `tsc --noEmit --strict`: the README's integration
// examples against www/nianbao.d.ts, so the definitions and the documented usage cannot drift apart.
import type { Finding, NianbaoReport, NianbaoResultDetail } from '../../www/nianbao.d.ts';

async function checkPasted(text: string): Promise<string[]> {
  const report: NianbaoReport = await window.nianbao.check(text, { lang: 'zh' });
  if (report.status === 'unreadable') return [report.error ?? ''];
  const wrong: Finding[] = report.findings.filter((f) => f.severity === 'error');
  // text spans are UTF-16 offsets: they index JavaScript strings directly
  const source = report.text ?? text;
  return wrong.map((f) => `${f.rule} ${f.cells.join(',')} ${f.span ? source.slice(f.span.start, f.span.end) : ''}`);
}

async function checkFile(file: File): Promise<NianbaoReport> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return window.nianbao.check(bytes, { name: file.name });
}

function listen(): void {
  const widget = document.querySelector('nianbao-validator');
  widget?.addEventListener('nianbao-result', (e: CustomEvent<NianbaoResultDetail>) => {
    const { verdict, errors, warnings, report, last } = e.detail;
    console.log(verdict, errors, warnings, report.agency, report.cells['T3.R1.C7'], last ?? 'not paired');
  });
  document.addEventListener('nianbao-result', (e) => console.log(e.detail.verdict));
}

async function mountInto(el: HTMLElement): Promise<void> {
  await window.nianbao.mount(el, { mode: 'widget', lang: 'en', compact: true });
  const api = await window.nianbao.ready;
  console.log(api.version(), window.nianbao.variant);
  const removed: boolean = await window.nianbao.unmount(el);
  console.log(removed);
}

export { checkPasted, checkFile, listen, mountInto };
