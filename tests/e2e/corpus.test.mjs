// Real reports of ../shared/corpus/raw (or $NIANBAO_CORPUS) through the served page, end to end in
// Debian's Chromium: a report with a known published error shows that error at the right cells with
// the localiser's suspect marked, and every expected finding of its truth file appears. Run by
// scripts/e2e.sh (APP_URL); scripts/test.sh sets NIANBAO_CORPUS when ../shared is elsewhere. Without
// the corpus the tests are skipped locally and fail under CI=true.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root, url, out, corpus, executablePath, args } from './common.mjs';

const have = existsSync(join(corpus, '010_hongze_2023.txt'));
if (!have && process.env.CI) throw new Error(`corpus not found at ${corpus} (set NIANBAO_CORPUS)`);

let browser;
before(async () => {
  assert.ok(url, 'APP_URL is not set (run through scripts/e2e.sh)');
  mkdirSync(out, { recursive: true });
  if (have) browser = await chromium.launch({ executablePath, headless: true, args });
});
after(async () => {
  if (browser) await browser.close();
});

async function openFile(name) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-state="ready"] #check', { timeout: 30000 });
  await page.setInputFiles('#file', join(corpus, name));
  await page.waitForSelector('#files[data-state="done"]');
  await page.waitForSelector('#verdict');
  return { page, errors };
}

const truth = (name) => JSON.parse(readFileSync(join(corpus, `${name}.truth.json`), 'utf8'));

/** [rule, cells] of every finding shown, from the findings list. */
function shown(page) {
  return page.$$eval('#findings li[data-rule]', (lis) => lis.map((li) => li.getAttribute('data-rule')));
}

test('洪泽区 2023 (pdftotext): 表四 totals printed 0 while the parts sum to 11 and 5 — at the total cells, suspects marked', { skip: !have && 'no corpus' }, async () => {
  const { page, errors } = await openFile('010_hongze_2023.txt');
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'fail');
  // the title line says 洪泽区人民政府 (the truth file's agency is the full 淮安市洪泽区人民政府)
  assert.match(await page.textContent('#agency'), /洪泽区人民政府$/);
  // the two published errors, grouped under 表四
  const t4 = await page.$$eval('#findings ul[data-group="T4"] li[data-rule="T4-GROUP-TOTAL"]', (l) => l.map((li) => li.textContent));
  assert.equal(t4.length, 2, t4.join(' | '));
  assert.match(t4.join(' '), /11/);
  assert.match(t4.join(' '), /5/);
  // the printed 0 totals are suspects. 行政复议 (维持 10 + 纠正 1): only the total can be the one
  // wrong cell, so the parts are marked as errors, not suspects. 复议后起诉 (维持 5, the only part):
  // 维持 = 0 would fix it as well, so both cells are suspects.
  for (const group of ['RV', 'LR']) {
    const total = await page.$eval(`td[data-key="T4.${group}.t"]`, (td) => [td.getAttribute('data-mark'), td.querySelector('.v').textContent]);
    assert.deepEqual(total, ['suspect', '0'], `T4.${group}.t`);
  }
  assert.equal(await page.getAttribute('td[data-key="T4.RV.m"]', 'data-mark'), 'error');
  assert.equal(await page.getAttribute('td[data-key="T4.RV.c"]', 'data-mark'), 'error');
  assert.equal(await page.getAttribute('td[data-key="T4.LR.m"]', 'data-mark'), 'suspect');
  assert.equal(await page.getAttribute('td[data-key="T4.LD.t"]', 'data-mark'), null, '直接起诉 is consistent');
  // every expected finding of the truth file is shown (rule or an accepted alternative)
  const rules = await shown(page);
  for (const f of truth('010_hongze_2023.txt').expected_findings) {
    const ok = [f.rule, ...(f.alternatives || [])].some((r) => rules.includes(r));
    assert.ok(ok, `${f.rule} (${f.note}) not shown; shown: ${rules.join(', ')}`);
  }
  // a click on the first 表四 finding focuses its first cell
  await page.click('#findings ul[data-group="T4"] li:first-child button.goto');
  assert.match(await page.evaluate(() => document.activeElement.getAttribute('data-key')), /^T4\.RV\./);
  await page.screenshot({ path: join(out, 'corpus-hongze-2023.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('上海市政府办公厅 2019 (saved web page): blank 总计 column shown blank, never 0; the expected findings shown', { skip: !have && 'no corpus' }, async () => {
  const { page, errors } = await openFile('008_shanghai-bgt_2019.html');
  assert.equal(await page.getAttribute('#source', 'data-kind'), 'html');
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), 'fail');
  const c7 = await page.$eval('td[data-key="T3.R3a.C7"]', (td) => [td.getAttribute('data-state'), td.querySelector('.v').textContent.trim()]);
  assert.equal(c7[0], 'blank');
  assert.notEqual(c7[1], '0');
  const rules = await shown(page);
  // A blank is an unknown count, never 0: the identities the truth computes with blanks as 0
  // (`depends_on_blank`) are met, as in the core's corpus ratchet, by the one CELL-BLANK error
  // of the blank 总计 column (one finding per cause), which must be shown as an error.
  const blankTotalError = await page.$$eval('#findings li[data-rule="CELL-BLANK"][data-severity="error"]', (l) => l.length);
  for (const f of truth('008_shanghai-bgt_2019.html').expected_findings) {
    const ok = [f.rule, ...(f.alternatives || [])].some((r) => rules.includes(r))
      || (f.depends_on_blank === true && blankTotalError > 0);
    assert.ok(ok, `${f.rule} not shown; shown: ${rules.join(', ')}`);
  }
  assert.ok(blankTotalError > 0, 'the blank 总计 column is a CELL-BLANK error');
  await page.screenshot({ path: join(out, 'corpus-shanghai-2019.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
