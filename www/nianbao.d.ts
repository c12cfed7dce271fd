// TypeScript definitions for nianbao in the browser: the loader `nianbao.js` (window.nianbao),
// the custom element <nianbao-validator> and its events. The result object is the JSON contract of
// format.md §10 (one report), with text spans in UTF-16 code units (JavaScript string indices).
//
//   <script src="/nianbao/nianbao.js"></script>
//   const report = await window.nianbao.check(text, { lang: 'zh' });
//   if (report.verdict === 'fail') { ... report.findings[0].cells ... }

/** A cell value as printed: a number, `null` for a blank cell, or the placeholder / text itself ("/", "—", "无", …). */
export type CellValue = number | string | null;

/** A text span in UTF-16 code units of `NianbaoReport.text` (or of the string given to `check`). */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info';
export type Verdict = 'pass' | 'warn' | 'fail';

export interface Finding {
  /** Stable rule id, e.g. "T3-IDENTITY", "T4-GROUP-TOTAL", "TEXT-TYPO" (see the rules page / `nianbao rules`). */
  rule: string;
  severity: Severity;
  /** "fail", or "not_assessable" when the rule could not be evaluated (e.g. a blank cell); never a pass. */
  outcome: 'fail' | 'not_assessable';
  /** Every cell key involved, e.g. "T3.R3g.C7" (format.md §10). */
  cells: string[];
  expected: CellValue | null;
  actual: CellValue | null;
  /** The cells the error localiser names as most likely wrong (may be empty). */
  suspect: string[];
  /** The message in the requested language. */
  message: string;
  /** For findings about the text: where, in UTF-16 code units. */
  span: Span | null;
}

/** One checked report (format.md §10), plus `kind`, `complete` and, where needed, `text`. */
export interface NianbaoReport {
  /** The `name` option, if given. */
  file: string | null;
  /** What the input was read as. */
  kind: 'text' | 'html' | 'docx' | 'pdf' | 'unreadable';
  status: 'ok' | 'unreadable';
  /**
   * Whether the rules ran. They are in the full-check module, which the page fetches after its first
   * load; `nianbao.check` waits for it, the synchronous `check` of the module does not: before it is
   * loaded (or when it cannot be), the report is read but not checked, `complete` is false and a
   * CHECK-INCOMPLETE finding says why.
   */
  complete: boolean;
  /** Why the input could not be read (Chinese first, English second), when status is "unreadable". */
  error: string | null;
  format: '2021' | '2019' | 'mixed' | 'pre2019' | 'unknown';
  year: number | null;
  agency: string | null;
  verdict: Verdict;
  /** Every cell read, keyed by canonical cell key, in table order. A cell absent from the report is absent here. */
  cells: Record<string, CellValue>;
  findings: Finding[];
  /**
   * The text the spans index into, when that is not the caller's own string (file bytes, HTML).
   * Absent when a plain-text string was checked: then spans index into that string.
   */
  text?: string;
}

export interface CheckOptions {
  /** Language of the messages; default "zh". */
  lang?: 'zh' | 'en';
  /** The file name, reported as `file` (a hint only: the content decides how it is read). */
  name?: string;
}

/**
 * What `check` accepts: report text or HTML as a string, or a file's bytes (.pdf, .docx, .html, .txt
 * in UTF-8, UTF-16 with BOM or GBK). For a File or Blob: `new Uint8Array(await file.arrayBuffer())`.
 * PDF and .docx bytes are read by the reader module, which `nianbao.check` loads on first use.
 */
export type CheckInput = string | Uint8Array | ArrayBuffer;

export interface MountOptions {
  /** "page": drag and drop anywhere on the window (the served page); "widget": only on the element. Default "page". */
  mode?: 'page' | 'widget';
  /** Start in Chinese (default) or English. */
  lang?: 'zh' | 'en';
  /** Compact layout for embedding. */
  compact?: boolean;
  /** Prefills the text box (nothing is checked until the user asks). */
  text?: string;
}

/** The raw wasm exports, once loaded (what `ready` resolves to). */
export interface NianbaoApi {
  /**
   * Synchronous: text, HTML and text files only. PDF and .docx bytes need the reader module and
   * give an unreadable report that says to use `check_async` (or `nianbao.check`).
   */
  check(input: CheckInput, options?: CheckOptions | null): NianbaoReport;
  /** Every kind of input, PDF and .docx included (the reader module is loaded on first use). */
  check_async(input: CheckInput, options?: CheckOptions | null): Promise<NianbaoReport>;
  mount(element: Element, options?: MountOptions | null): void;
  /** Removes the UI and every listener of a mount; false when nothing was mounted there. */
  unmount(element: Element): boolean;
  /** After `nianbao-crash`: the safe first call into the fresh instance (nianbao.js makes it). */
  restart(): void;
  version(): string;
}

/** window.nianbao, defined by nianbao.js. */
export interface Nianbao {
  /** Resolves when the wasm is loaded; rejects (with a message) where it cannot run, e.g. no WebAssembly. */
  readonly ready: Promise<NianbaoApi>;
  /**
   * Validates one report: text, HTML or a file's bytes (PDF and .docx too: the first such file
   * loads the reader module, a second WebAssembly module, once). Rejects with an Error for a bad
   * input type or bad options; a file that cannot be read (a scanned or password-protected PDF…)
   * resolves to a report with status "unreadable" and the message in `error`.
   */
  check(input: CheckInput, options?: CheckOptions | null): Promise<NianbaoReport>;
  /** Builds the validator UI inside `element` (replacing its content). */
  mount(element: Element, options?: MountOptions | null): Promise<void>;
  /** Removes a mount's UI and listeners. */
  unmount(element: Element): Promise<boolean>;
  /** "modern" (Chromium >= 96 and peers) or "compat" (Wasm Core 1.0: Chromium 78-95); null until loaded. */
  readonly variant: 'modern' | 'compat' | null;
  /** The validator's version; null until loaded. */
  readonly version: string | null;
}

/** detail of the `nianbao-result` event, fired (bubbles, composed) after every result shown. */
export interface NianbaoResultDetail {
  verdict: Verdict | 'unreadable';
  errors: number;
  warnings: number;
  /** The file name, or null for the text box. */
  file: string | null;
  /** The same object `check` returns for that input (cross-year findings included when paired). */
  report: NianbaoReport;
  /** The file name of last year's report it was compared with, or null. */
  last: string | null;
}

/** <nianbao-validator lang="zh|en" compact>. */
export interface NianbaoValidatorElement extends HTMLElement {
  addEventListener(type: 'nianbao-result', listener: (ev: CustomEvent<NianbaoResultDetail>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface Window {
    nianbao: Nianbao;
  }
  interface HTMLElementTagNameMap {
    'nianbao-validator': NianbaoValidatorElement;
  }
  interface HTMLElementEventMap {
    'nianbao-result': CustomEvent<NianbaoResultDetail>;
  }
  interface DocumentEventMap {
    'nianbao-result': CustomEvent<NianbaoResultDetail>;
  }
  interface WindowEventMap {
    /** Fired after an internal error; the loader rebuilds every mount (text kept). */
    'nianbao-crash': Event;
  }
}
