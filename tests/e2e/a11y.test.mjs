// Accessibility of the served page, end to end in Debian's Chromium (playwright-core):
//  - keyboard only: every control is reached with Tab, a report is typed, checked (Enter on 校验 and
//    Ctrl+Enter), a finding opened with Enter moves the focus to its cell, 选择文件 opens the file
//    chooser with Enter, the English switch works with Space; the focus is always visible;
//  - the verdict is announced by an ARIA live region; every control has an accessible name;
//  - contrast >= 4.5:1 for the text of the page and of the result (computed colours);
//  - at 200 % zoom (a 640 px wide viewport) nothing needs horizontal scrolling except inside tables.
// Run by scripts/e2e.sh (APP_URL). Screenshots go to E2E_OUT (target/e2e).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root, url, out, seed, fixture, executablePath, args } from './common.mjs';

let browser;
before(async () => {
  assert.ok(url, 'APP_URL is not set (run through scripts/e2e.sh)');
  mkdirSync(out, { recursive: true });
  browser = await chromium.launch({ executablePath, headless: true, args });
});
after(async () => {
  if (browser) await browser.close();
});

async function open(viewport) {
  const context = await browser.newContext({ viewport: viewport || { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 30000 });
  return { context, page, errors };
}

/** What has the focus: its id, or tag + class, plus whether a focus outline is drawn. */
function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return { id: 'body' };
    const s = getComputedStyle(el);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    return {
      id: el.id || `${el.tagName.toLowerCase()}.${el.className}`,
      tag: el.tagName.toLowerCase(),
      ring,
      key: el.getAttribute('data-key'),
    };
  });
}

/** Tabs until `pred(focus)` or `max` presses; returns every stop. */
async function tabUntil(page, pred, max = 60) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(f);
    if (pred(f)) return stops;
  }
  throw new Error(`not reached by Tab: ${JSON.stringify(stops.map((s) => s.id))}`);
}

test('keyboard only: reach, type, check, open a finding, pick a file, switch language; focus always visible', async () => {
  const { context, page, errors } = await open();
  // Listening from the start turns Playwright's file chooser interception on before any key is
  // pressed (waitForEvent right before the key press raced with it: the chooser sometimes opened
  // before the interception was active and the event never came).
  const choosers = [];
  page.on('filechooser', (c) => choosers.push(c));
  // from the top of the page: the text box, then 校验, then 选择文件, in that order
  const toInput = await tabUntil(page, (f) => f.id === 'input');
  for (const s of toInput.filter((x) => x.id !== 'body')) assert.ok(s.ring, `focus visible on ${s.id}`);
  await page.keyboard.insertText(fixture('04_t4_totals_zero.txt'));
  const toCheck = await tabUntil(page, (f) => f.id === 'check', 10);
  assert.ok(toCheck.at(-1).ring, 'focus visible on 校验');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#result .verdict');
  assert.match(await page.textContent('#result .verdict'), /错误/);
  // the verdict is inside a polite live region
  const live = await page.evaluate(() => {
    const v = document.querySelector('#result .verdict');
    const region = v.closest('[aria-live]');
    return region ? region.getAttribute('aria-live') : null;
  });
  assert.ok(live === 'polite' || live === 'assertive', `verdict in a live region (${live})`);
  // the first finding: Enter moves the focus to its table cell
  const toFinding = await tabUntil(page, (f) => f.tag === 'button' && /goto/.test(f.id), 80);
  assert.ok(toFinding.at(-1).ring, 'focus visible on the finding');
  await page.keyboard.press('Enter');
  const cell = await focused(page);
  assert.ok(cell.key && /^T4\./.test(cell.key), `the focus is on a 表四 cell: ${JSON.stringify(cell)}`);
  assert.ok(cell.ring, 'focus visible on the cell');
  await page.screenshot({ path: join(out, 'keyboard-finding.png') });
  // Ctrl+Enter in the text box checks too
  await page.focus('#input');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(seed);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => /有警告/.test(document.querySelector('#result .verdict').textContent));
  // 选择文件 with the keyboard opens the file chooser
  await page.focus('#input');
  const toPick = await tabUntil(page, (f) => f.id === 'pick', 10);
  assert.ok(toPick.at(-1).ring, 'focus visible on 选择文件');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 100 && choosers.length === 0; i++) await page.waitForTimeout(100);
  assert.equal(choosers.length, 1, 'Enter on 选择文件 opens the file chooser');
  const [chooser] = choosers;
  assert.equal(chooser.isMultiple(), true);
  await chooser.setFiles(join(root, 'tests', 'fixtures', 'seed.txt'));
  await page.waitForSelector('#files[data-state="done"]');
  // the English switch with Space
  await page.focus('#lang');
  await page.keyboard.press('Space');
  await page.waitForSelector('#lang[aria-pressed="true"]');
  assert.match(await page.textContent('#result .verdict'), /[A-Za-z]/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every control has an accessible name; images of text are not used', async () => {
  const { context, page, errors } = await open();
  await page.fill('#input', fixture('04_t4_totals_zero.txt'));
  await page.click('#check');
  await page.waitForSelector('#result .verdict');
  const unnamed = await page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('button, input, textarea, select, a[href], [tabindex]')) {
      if (el.type === 'file' && el.hidden) continue; // behind the labelled 选择文件 button
      if (el.closest('[hidden]')) continue;
      const label = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
        || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.textContent.trim() || el.getAttribute('title');
      if (!label) bad.push(el.outerHTML.slice(0, 120));
    }
    return bad;
  });
  assert.deepEqual(unnamed, []);
  assert.equal(await page.$$eval('img', (l) => l.length), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Contrast ratios of every visible text element against its effective background. */
function contrasts(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const lum = ({ r, g, b }) => {
      const f = (v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const over = (top, bottom) => ({
      r: top.r * top.a + bottom.r * (1 - top.a),
      g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a),
      a: 1,
    });
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) layers.push(c);
        if (c && c.a === 1) break;
        if (getComputedStyle(e).backgroundImage !== 'none') return null; // a pattern: skip
      }
      let bg = { r: 255, g: 255, b: 255, a: 1 };
      for (const l of layers.reverse()) bg = over(l, bg);
      return bg;
    };
    const res = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent.trim()) continue;
      seen.add(el);
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('[hidden], .sr-only, noscript, script, style')) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.opacity === '0') continue;
      const fg = parse(s.color);
      const bg = background(el);
      if (!fg || !bg) continue;
      const c = over(fg, bg);
      const [l1, l2] = [lum(c), lum(bg)].sort((a, b) => b - a);
      res.push({ text: n.textContent.trim().slice(0, 30), cls: `${el.tagName.toLowerCase()}.${el.className}`, ratio: (l1 + 0.05) / (l2 + 0.05) });
    }
    return res;
  });
}

test('contrast: every visible text >= 4.5:1 (page, errors, warnings, marks, English)', async () => {
  const { context, page, errors } = await open();
  const low = [];
  const measured = {};
  const collect = async (what) => {
    const all = await contrasts(page);
    measured[what] = all.length;
    if (process.env.A11Y_DEBUG) console.log(what, all.length, all.sort((a, b) => a.ratio - b.ratio).slice(0, 3));
    for (const c of all) if (c.ratio < 4.5) low.push({ what, ...c, ratio: c.ratio.toFixed(2) });
  };
  await collect('empty page');
  await page.fill('#input', fixture('15_two_errors.txt'));
  await page.click('#check');
  await page.waitForSelector('#result .verdict');
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await collect('errors');
  await page.fill('#input', fixture('17_text_slips.txt'));
  await page.click('#check');
  await page.waitForSelector('#result .verdict');
  await collect('warnings');
  await page.click('#lang');
  await collect('english');
  assert.deepEqual(low, []);
  // the walk really measured the result (tables, findings, text view), not an empty page
  assert.ok(measured.errors > 200 && measured.english > 200, JSON.stringify(measured));
  assert.deepEqual(errors, []);
  await context.close();
});

test('200 % zoom (640 px wide): no horizontal page scroll, controls usable, tables scroll inside', async () => {
  const { context, page, errors } = await open({ width: 640, height: 450 });
  await page.fill('#input', fixture('04_t4_totals_zero.txt'));
  await page.click('#check');
  await page.waitForSelector('#result .verdict');
  const m = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
    buttons: [...document.querySelectorAll('#check, #pick, #lang')].map((b) => {
      const r = b.getBoundingClientRect();
      return r.left >= 0 && r.right <= document.documentElement.clientWidth + 0.5 && r.width > 0;
    }),
  }));
  assert.ok(m.page <= m.view + 1, `page scrolls sideways: ${m.page} > ${m.view}`);
  assert.deepEqual(m.buttons, [true, true, true]);
  await page.screenshot({ path: join(out, 'zoom-200.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
