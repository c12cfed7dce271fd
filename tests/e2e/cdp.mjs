// A small Chrome DevTools Protocol client for browsers Playwright cannot drive (the Chromium 78-92
// builds of tests/e2e/old-chromium.mjs; it drives Debian's current Chromium just as well). The
// transport is --remote-debugging-pipe (JSON messages separated by NUL on file descriptors 3 and 4;
// in Chromium since 63), so no WebSocket client and no npm package is needed.
//
//   const browser = await launch(executablePath, args);   // Browser.getVersion in browser.version
//   const page = await browser.newPage();                 // a tab with Runtime, Page and Log enabled
//   await page.goto(url); await page.waitFor('document.querySelector("#check")');
//   await page.insertText('document.querySelector("#input")', text); await page.click('…');
//   page.errors  // console.error/assert, uncaught exceptions and rejections, Log entries of level error
//   await browser.close();
//
// Expressions run in the page, so they must be JavaScript the old browser understands (no `?.`,
// no `??` before Chromium 80).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIMEOUT = 30000;

/** Starts `executablePath` with `args` and a fresh profile; resolves once it answers over the pipe. */
export async function launch(executablePath, args) {
  const profile = mkdtempSync(join(tmpdir(), 'nianbao-cdp-'));
  // detached: its own process group, so that close() can end the browser and all its children
  const proc = spawn(executablePath, [...args, `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true,
  });
  const browser = new Browser(proc, profile);
  try {
    browser.version = await browser.send('Browser.getVersion', {}, undefined, 20000);
  } catch (e) {
    await browser.close();
    throw e;
  }
  return browser;
}

export class Browser {
  constructor(proc, profile) {
    this.proc = proc;
    this.profile = profile;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.stderr = [];
    this.exited = null;
    let buf = '';
    proc.stdio[4].setEncoding('utf8');
    proc.stdio[4].on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\0')) >= 0) {
        const text = buf.slice(0, i);
        buf = buf.slice(i + 1);
        this.receive(JSON.parse(text));
      }
    });
    // Always drained (a full stderr pipe would block the browser); the tail explains a crash.
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (s) => {
      this.stderr.push(...s.split('\n').filter(Boolean));
      if (this.stderr.length > 40) this.stderr.splice(0, this.stderr.length - 40);
    });
    proc.stdio[3].on('error', () => {}); // EPIPE after an exit is reported by the exit handler
    this.exitedPromise = new Promise((resolve) => proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
      const why = new Error(`the browser exited (code ${code}, signal ${signal}); its last messages:\n${this.stderr.join('\n')}`);
      for (const p of this.pending.values()) { clearTimeout(p.timer); p.reject(why); }
      this.pending.clear();
      resolve();
    }));
  }

  receive(msg) {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message} ${msg.error.data || ''}`.trim()));
      else p.resolve(msg.result);
      return;
    }
    for (const l of this.listeners) l(msg);
  }

  /** Sends one command (to a page when sessionId is given) and resolves with its result. */
  send(method, params = {}, sessionId = undefined, timeout = TIMEOUT) {
    if (this.exited) return Promise.reject(new Error(`${method}: the browser has exited`));
    const id = this.nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${timeout} ms`));
      }, timeout);
      this.pending.set(id, { resolve, reject, method, timer });
      this.proc.stdio[3].write(`${JSON.stringify(msg)}\0`);
    });
  }

  /** A new tab, attached with a flat session, with Runtime, Page and Log events collected. */
  async newPage() {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, sessionId, targetId);
    await page.init();
    return page;
  }

  /** Browser.close, then the process group is killed if it is still there; the profile is removed. */
  async close() {
    if (!this.exited) {
      await this.send('Browser.close', {}, undefined, 5000).catch(() => {});
      await Promise.race([this.exitedPromise, new Promise((r) => setTimeout(r, 5000))]);
    }
    if (!this.exited) {
      try { process.kill(-this.proc.pid, 'SIGKILL'); } catch { /* already gone */ }
      await this.exitedPromise;
    }
    rmSync(this.profile, { recursive: true, force: true });
  }
}

export class Page {
  constructor(browser, sessionId, targetId) {
    this.browser = browser;
    this.sessionId = sessionId;
    this.targetId = targetId;
    /** Everything that counts as an error on the page, as text. */
    this.errors = [];
    this.waiters = new Set();
    browser.listeners.add((msg) => {
      if (msg.sessionId !== sessionId) return;
      this.event(msg.method, msg.params);
      for (const w of this.waiters) w(msg.method, msg.params);
    });
  }

  event(method, params) {
    if (method === 'Runtime.consoleAPICalled' && (params.type === 'error' || params.type === 'assert')) {
      const text = params.args.map((a) => (a.value !== undefined ? String(a.value) : a.description || a.type)).join(' ');
      this.errors.push(`console.${params.type}: ${text}`);
    } else if (method === 'Runtime.exceptionThrown') {
      const d = params.exceptionDetails;
      this.errors.push(`exception: ${(d.exception && d.exception.description) || d.text} (${d.url || ''}:${d.lineNumber})`);
    } else if (method === 'Log.entryAdded' && params.entry.level === 'error') {
      const e = params.entry;
      this.errors.push(`log (${e.source}): ${e.text}${e.url ? ` ${e.url}` : ''}`);
    }
  }

  send(method, params) {
    return this.browser.send(method, params, this.sessionId);
  }

  async init() {
    await this.send('Runtime.enable');
    await this.send('Page.enable');
    await this.send('Log.enable');
    await this.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
  }

  /** Resolves with the params of the first event `method` of this page for which `pred` holds. */
  once(method, pred = () => true, timeout = TIMEOUT) {
    return new Promise((resolve, reject) => {
      const w = (m, params) => {
        if (m !== method || !pred(params)) return;
        this.waiters.delete(w);
        clearTimeout(timer);
        resolve(params);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new Error(`no ${method} within ${timeout} ms`));
      }, timeout);
      this.waiters.add(w);
    });
  }

  /** Runs before any script of every document loaded later (as Playwright's addInitScript). */
  addInitScript(source) {
    return this.send('Page.addScriptToEvaluateOnNewDocument', { source });
  }

  /** Navigates and waits for the load event. */
  async goto(url) {
    const loaded = this.once('Page.loadEventFired');
    const r = await this.send('Page.navigate', { url });
    if (r.errorText) throw new Error(`navigation to ${url} failed: ${r.errorText}`);
    await loaded;
  }

  /** The value of a JavaScript expression in the page (awaited when it is a promise); throws what it throws. */
  async evaluate(expression) {
    const r = await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) {
      const d = r.exceptionDetails;
      throw new Error(`in the page: ${(d.exception && d.exception.description) || d.text}\n  evaluating: ${expression}`);
    }
    return r.result.value;
  }

  /** Polls `expression` until it is truthy; resolves with its value. */
  async waitFor(expression, timeout = TIMEOUT) {
    const end = Date.now() + timeout;
    for (;;) {
      const v = await this.evaluate(expression);
      if (v) return v;
      if (Date.now() > end) {
        throw new Error(`timed out after ${timeout} ms waiting for: ${expression}\n  page errors: ${JSON.stringify(this.errors)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The border box of the element `elementExpr` evaluates to (scrolled into view first). */
  box(elementExpr) {
    return this.evaluate(`(function () { var e = ${elementExpr}; if (!e) return null; e.scrollIntoView({ block: 'center' });
      var r = e.getBoundingClientRect(); return { x: r.left, y: r.top, width: r.width, height: r.height }; })()`);
  }

  /** A real mouse click (pressed and released) in the middle of the element. */
  async click(elementExpr) {
    const b = await this.box(elementExpr);
    if (!b || b.width === 0 || b.height === 0) throw new Error(`nothing visible to click: ${elementExpr} (${JSON.stringify(b)})`);
    const x = b.x + b.width / 2;
    const y = b.y + b.height / 2;
    await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
    await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: 1 });
    await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: 1 });
  }

  /** Focuses the element and inserts `text` as the keyboard or an input method would (input events). */
  async insertText(elementExpr, text) {
    await this.evaluate(`(${elementExpr}).focus()`);
    await this.send('Input.insertText', { text });
  }

  async screenshot(path) {
    const { data } = await this.send('Page.captureScreenshot', { format: 'png' });
    writeFileSync(path, Buffer.from(data, 'base64'));
  }

  close() {
    return this.browser.send('Target.closeTarget', { targetId: this.targetId });
  }
}
