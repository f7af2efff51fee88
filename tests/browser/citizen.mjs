#!/usr/bin/env node
// Citizen-grade pages and reviewer-grade 数据核验 (issue M items 1, 2, 7).
//
// Usage: node tests/browser/citizen.mjs SITE_DIR
//
// 1. Every page of SITE_DIR except the 数据核验 pages, opened over file://
//    at 1280 px: its visible text (innerText) holds no data file place
//    (`….toml:110`), no field path (`general_budget.classes[0]`), no English
//    key (`budget`, `norm_quantity`), no diagnostic code (E-FIGURE), no
//    template syntax (`{{ … }}`) and no programmer's wording (内容格式文档,
//    涉及文件).
// 2. The reviewer mode (审核模式, the #show-src checkbox) of a report page,
//    with JavaScript off, shows the data file:line and the field of its
//    figures and of its 数据核验 rows; off, it shows neither.
// 3. Every 数据核验 page at 1280 px: columns 单位 / 年度 / 报告, every 结论
//    cell wider than 3 em, errors before warnings, and the table inside
//    its box (no sideways scrolling).
// Prints one line per assertion and finally "N passed, M failed".

import { chromium } from 'playwright-core';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const TIMEOUT_MS = 30_000;
const siteDir = path.resolve(process.argv[2] ?? 'public');

let passed = 0;
let failed = 0;
function check(ok, description, detail = '') {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} - ${description}${!ok && detail ? `\n       ${detail}` : ''}`);
  return ok;
}

function pages(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pages(p));
    else if (name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

// What a citizen must not see; each with the reason.
const FORBIDDEN = [
  [/\.(toml|md|xlsx?|ods|csv)[:!]\s*\S/, 'a data file place'],
  [/[a-z_]+\[\d+\]|\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z_]+\.[a-z_]+/, 'a field path'],
  [/\b[EW]-[A-Z]{3,}/, 'a diagnostic code'],
  [/\{\{|\}\}/, 'template syntax'],
  [/内容格式文档|涉及文件|第 ?\d+(\.\d+)+ ?节/, "a programmer's wording"],
];
// Lower-case English words allowed on a page: the program's name in the
// site title, the download format, a template placeholder the checker
// flags in the source text.
const ALLOWED_WORDS = new Set(['gongkai', 'xlsx', 'xxx']);

function citizenProblems(text) {
  const found = [];
  for (const [re, why] of FORBIDDEN) {
    const m = text.match(re);
    if (m) found.push(`${why}: “${text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30)}”`);
  }
  for (const m of text.matchAll(/(?<![A-Za-z])[a-z][a-z_]{2,}/g)) {
    if (!ALLOWED_WORDS.has(m[0])) {
      found.push(`an English key “${m[0]}”: “${text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30)}”`);
      break;
    }
  }
  return found;
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', javaScriptEnabled: false });
    await context.route(/^(?!file:|data:)/, (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const all = pages(siteDir);
    const isChecks = (p) => path.relative(siteDir, p).split(path.sep).includes('checks');

    // 1. Default pages speak plain Chinese.
    let scanned = 0;
    for (const file of all.filter((p) => !isChecks(p))) {
      await page.goto(pathToFileURL(file).href);
      const text = await page.evaluate(() => document.body.innerText);
      const problems = citizenProblems(text);
      scanned += 1;
      if (problems.length) check(false, `${path.relative(siteDir, file)}: plain Chinese only`, problems.join('\n       '));
    }
    check(scanned > 50, `${scanned} default pages scanned, their visible text has no field path, code, file place or template syntax`);

    // 2. The reviewer mode, JavaScript off.
    const report = path.join(siteDir, 'units/xinjiekou/2023/final-accounts/index.html');
    await page.goto(pathToFileURL(report).href);
    const before = await page.evaluate(() => document.body.innerText);
    check(!/final-accounts\.toml:\d+/.test(before), 'reviewer mode off: no data file:line on the report page');
    await page.locator('#show-src').check();
    const rows = await page.locator('#checks-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.innerText));
    check(
      rows.length > 0 && rows.every((r) => /final-accounts\.toml:\d+/.test(r) && /[a-z_]+(\[\d+\])?\.[a-z_]+/.test(r)),
      `reviewer mode on: every 数据核验 row of the report shows its file:line and field (${rows.length} rows)`,
      rows.find((r) => !/final-accounts\.toml:\d+/.test(r)) ?? '',
    );
    check(/原文 \S+/.test(rows[0] ?? ''), 'every row also names its place in the original document (原文 …)', rows[0] ?? '');
    const shown = await page.evaluate(() => {
      const el = document.querySelector('main [data-src][data-field]');
      return el ? getComputedStyle(el, '::after').content : '';
    });
    check(/final-accounts\.toml:\d+ [a-z_.\[\]0-9]+/.test(shown), `reviewer mode on: a figure shows its file:line and field (${shown})`);
    const bound = path.join(siteDir, 'units/yuetan/2023/evaluation/index.html');
    await page.goto(pathToFileURL(bound).href);
    const note = page.locator('.verify-note:has(.rv)').first();
    const noteOff = await note.innerText();
    await page.locator('#show-src').check();
    const noteOn = await note.innerText();
    check(!/\.toml/.test(noteOff) && /evaluation\.toml:\d+/.test(noteOn), 'a narrative figure’s 核验提示 names its data file:line only in reviewer mode', `${noteOff} / ${noteOn}`);

    // 3. The 数据核验 pages.
    for (const file of all.filter(isChecks)) {
      const name = path.relative(siteDir, file);
      await page.goto(pathToFileURL(file).href);
      if ((await page.locator('#checks-table').count()) === 0) {
        check(true, `${name}: nothing to list`);
        continue;
      }
      const cols = await page.locator('#checks-table thead th').allInnerTexts();
      check(['单位', '年度', '报告'].every((c) => cols.includes(c)), `${name}: columns 单位 / 年度 / 报告 (${cols.join(' ')})`);
      const heads = await page.locator('#checks-table tbody th').evaluateAll((ths) =>
        ths.map((th) => ({ em: th.getBoundingClientRect().width / parseFloat(getComputedStyle(th).fontSize), severity: th.querySelector('[data-severity]')?.dataset.severity })),
      );
      const narrowest = Math.min(...heads.map((h) => h.em));
      check(narrowest > 3, `${name}: every 结论 cell wider than 3 em (narrowest ${narrowest.toFixed(1)} em)`);
      const order = heads.map((h) => h.severity);
      const firstWarning = order.indexOf('warning');
      check(
        order.every((s) => s === 'error' || s === 'warning') && (firstWarning < 0 || !order.slice(firstWarning).includes('error')),
        `${name}: errors before warnings (${order.filter((s) => s === 'error').length} errors, ${order.filter((s) => s === 'warning').length} warnings)`,
      );
      const fit = await page.locator('#checks-table').evaluate((t) => {
        const box = t.closest('.table-wrap');
        return { scroll: box.scrollWidth, client: box.clientWidth, right: t.getBoundingClientRect().right, viewport: window.innerWidth };
      });
      check(fit.scroll <= fit.client + 1 && fit.right <= fit.viewport, `${name}: the table fits at 1280 px (${fit.scroll} of ${fit.client} px)`);
    }
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (e) {
  check(false, 'citizen test set-up', e?.stack ?? String(e));
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
