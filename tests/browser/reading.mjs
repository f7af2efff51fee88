#!/usr/bin/env node
// Reading tools and chart captions of the generated gongkai site (issue M,
// item 10), opened over file:// in Chromium:
//
//   1. the 大/中/小 switch: three buttons with aria-pressed; choosing 大 on
//      one page makes the root font larger, and a second page opened after
//      it starts at 大 (localStorage from file://); back to 中 restores it;
//   2. at 360 px with 大 no report page scrolls sideways (the page itself,
//      not a table inside its box);
//   3. the 打印 button is there with JavaScript and absent (with the whole
//      switch) without it; neither prints (print media: not displayed);
//   4. every chart has a visible title, a one-line message and a 资料来源
//      line; the message names the row of the table beside it that is
//      largest (or, for a “最低” message, smallest) in one of its columns.
//
// Usage: node tests/browser/reading.mjs SITE_DIR
// Writes screenshots at 360 px with 大 (home page, 部门决算) into <repo>/test-artifacts/.
// Prints one line per assertion and "N passed, M failed".

import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync'];
const WATCHDOG_MS = 180_000;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const siteDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'public'));
const artifactsDir = path.join(repoRoot, 'test-artifacts');

/** One page per report kind of the demo. */
const REPORTS = [
  ['final-accounts', 'units/xinjiekou/2023/final-accounts/index.html'],
  ['tracking', 'units/baizhifang/2020/tracking/index.html'],
  ['tracking-2016', 'units/desheng/2016/tracking/index.html'],
  ['evaluation', 'units/yuetan/2023/evaluation/index.html'],
  ['evaluation-2023', 'units/xinjiekou/2023/evaluation/index.html'],
  ['cost', 'units/yuetan/2023/cost/relief-service-station/index.html'],
  ['checks', 'units/xinjiekou/2023/checks/index.html'],
];

let passed = 0;
let failed = 0;
function check(ok, description, detail = '') {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} - ${description}${!ok && detail ? `\n       ${String(detail).split('\n').join('\n       ')}` : ''}`);
  return ok;
}

const url = (rel) => pathToFileURL(path.join(siteDir, rel)).href;
const TIMEOUT_MS = 5_000;
const rootPx = (page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
const pressed = (page) => page.evaluate(() => Array.from(document.querySelectorAll('.reading-tools button[data-size]'), (b) => `${b.textContent}:${b.getAttribute('aria-pressed')}`).join(' '));

async function fontSwitch(context) {
  const page = await context.newPage();
  const [a, b] = [REPORTS[0][1], REPORTS[3][1]];
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url(a), { waitUntil: 'load' });
  const tools = await page.evaluate(() => {
    const t = document.querySelector('.reading-tools');
    return t && { visible: !t.hidden && t.getBoundingClientRect().height > 0, buttons: Array.from(t.querySelectorAll('button[data-size]'), (b) => b.textContent), print: !!t.querySelector('button.print') };
  });
  check(tools?.visible && tools.buttons.join('') === '大中小', `with JavaScript the header shows the size switch (${tools?.buttons.join('/')})`);
  check(tools?.print === true, 'with JavaScript the header shows the 打印 button');
  const base = await rootPx(page);
  check((await pressed(page)) === '大:false 中:true 小:false', `at first 中 is pressed (${await pressed(page)})`);
  await page.click('.reading-tools button[data-size="l"]');
  const large = await rootPx(page);
  check(large >= base * 1.2, `大 makes the root font larger (${base} px → ${large} px)`);
  check((await pressed(page)) === '大:true 中:false 小:false', `大 is pressed (${await pressed(page)})`);
  // A second page, opened from file:// after the first, starts at 大.
  await page.goto(url(b), { waitUntil: 'load' });
  check((await rootPx(page)) === large, `a second page opens at 大 (${await rootPx(page)} px)`);
  check((await pressed(page)) === '大:true 中:false 小:false', `and shows 大 pressed (${await pressed(page)})`);
  await page.click('.reading-tools button[data-size="s"]');
  const small = await rootPx(page);
  check(small < base, `小 makes it smaller (${small} px)`);
  // 大 at 360 px: no report page scrolls sideways.
  await page.click('.reading-tools button[data-size="l"]');
  await page.setViewportSize({ width: 360, height: 800 });
  for (const [kind, rel] of [...REPORTS, ['home', 'index.html'], ['search', 'search/index.html']]) {
    await page.goto(url(rel), { waitUntil: 'load' });
    const r = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, px: parseFloat(getComputedStyle(document.documentElement).fontSize) }));
    check(r.sw <= r.cw && r.px === large, `${kind}: at 360 px with 大 (${r.px} px) the page does not scroll sideways (${r.sw} of ${r.cw} px)`);
    if (kind === 'final-accounts' || kind === 'home') await page.screenshot({ path: path.join(artifactsDir, `${kind}-360-large.png`) });
  }
  // Print: the tools never print.
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => getComputedStyle(document.querySelector('.reading-tools')).display);
  await page.emulateMedia({ media: null });
  check(printed === 'none', `the reading tools do not print (display ${printed})`);
  await page.click('.reading-tools button[data-size="m"]');
  await page.goto(url(a), { waitUntil: 'load' });
  check((await rootPx(page)) === base, `back to 中, the next page is at the default size (${await rootPx(page)} px)`);
  await page.close();
}

async function withoutJs(browser) {
  const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url(REPORTS[0][1]), { waitUntil: 'load' });
  const r = await page.evaluate(() => {
    const t = document.querySelector('.reading-tools');
    const shown = (e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none';
    return { tools: shown(t), print: shown(t?.querySelector('button.print')), px: parseFloat(getComputedStyle(document.documentElement).fontSize) };
  });
  check(!r.tools && !r.print, 'without JavaScript neither the size switch nor the 打印 button shows');
  check(r.px === 16, `without JavaScript the page reads at its default size (${r.px} px)`);
  await context.close();
}

/** Each chart's caption and whether its message names its table's extreme row. */
function chartCaptions() {
  const num = (s) => {
    const t = s.replace(/[,，%\s*]/g, '').match(/^-?\d+(\.\d+)?/);
    return t ? parseFloat(t[0]) : null;
  };
  const shown = (e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && e.textContent.trim() !== '';
  return Array.from(document.querySelectorAll('figure.chart-pair'), (fig) => {
    const title = fig.querySelector('figcaption .chart-title');
    const message = fig.querySelector('figcaption .chart-message');
    const source = fig.querySelector('.chart-source');
    const out = {
      id: fig.querySelector('svg.chart')?.id || fig.querySelector('table')?.id,
      title: shown(title), message: shown(message) ? message.textContent : '', source: shown(source) ? source.textContent : '',
    };
    // The row named in the message's first clause, and whether it holds the
    // extreme of one of the table's number columns.
    const clause = out.message.split('，')[0];
    const low = clause.includes('最低');
    const name = (tr) => {
      const th = tr.querySelector('th').cloneNode(true);
      th.querySelectorAll('.verify-note, .sr-only, sup, .code').forEach((n) => n.remove());
      return th.textContent.replace(/^\d{3,}\s+/, '').replace(/（[^）]*）$/, '').trim();
    };
    // The rows, but for 合计/总额 rows (a 小计 row of a part may be charted).
    const all = Array.from(fig.querySelectorAll('table tbody tr'));
    const rows = all.filter((tr) => !(tr.classList.contains('total') && /合计|总计|总额|总分/.test(name(tr))));
    // What the message is about: the words before 最多 (a pie), else the whole first clause.
    const subject = clause.includes('最多') ? clause.split('最多')[0] : '';
    // The best match: the subject exactly, else a name the clause holds (the longest), else a name holding the subject.
    const score = (tr) => (name(tr) === subject ? 3 : clause.includes(name(tr)) ? 2 : subject && name(tr).includes(subject) ? 1 : 0);
    const named = rows.filter((tr) => name(tr) && score(tr) > 0).sort((a, b) => score(b) - score(a) || name(b).length - name(a).length)[0];
    out.row = named ? name(named) : '';
    if (named) {
      const cols = named.cells.length;
      out.extreme = false;
      for (let c = 1; c < cols; c++) {
        const values = rows.map((tr) => num(tr.cells[c]?.querySelector('.val')?.textContent ?? tr.cells[c]?.textContent ?? '')).filter((v) => v !== null);
        const mine = num(named.cells[c]?.querySelector('.val')?.textContent ?? named.cells[c]?.textContent ?? '');
        if (mine === null || values.length === 0) continue;
        if (mine === (low ? Math.min(...values) : Math.max(...values))) out.extreme = true;
      }
    }
    return out;
  });
}

async function charts(page) {
  await page.setViewportSize({ width: 1280, height: 900 });
  let total = 0;
  for (const [kind, rel] of REPORTS) {
    await page.goto(url(rel), { waitUntil: 'load' });
    for (const c of await page.evaluate(chartCaptions)) {
      total += 1;
      check(c.title && c.message !== '' && c.source.startsWith('资料来源：') && c.source.includes('原文'),
        `${kind} #${c.id}: visible title, message “${c.message}” and ${c.source.slice(0, 60)}`);
      check(c.row !== '' && c.extreme, `${kind} #${c.id}: the message names the table's ${c.message.split('，')[0].includes('最低') ? 'smallest' : 'largest'} row (“${c.row}”)`);
    }
  }
  check(total >= 10, `charts found on the report pages (${total})`);
}

async function main() {
  console.log(`site folder: ${siteDir}`);
  if (!check(existsSync(path.join(siteDir, 'index.html')), 'site folder contains index.html')) return;
  await mkdir(artifactsDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const context = await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block' });
    context.setDefaultTimeout(TIMEOUT_MS);
    await context.route((u) => u.protocol !== 'file:' && u.protocol !== 'data:', (route) => route.abort('blockedbyclient'));
    const errors = [];
    context.on('page', (p) => p.on('pageerror', (e) => errors.push(e.message)));
    const page = await context.newPage();
    for (const [name, step] of [['font size switch', () => fontSwitch(context)], ['without JavaScript', () => withoutJs(browser)], ['charts', () => charts(page)]]) {
      console.log(`# ${name}`);
      try {
        await step();
      } catch (e) {
        check(false, `${name} ran without exceptions`, e?.stack?.split('\n').slice(0, 3).join('\n') ?? String(e));
      }
    }
    check(errors.length === 0, 'no uncaught page errors', errors.join('\n'));
    await context.close();
  } finally {
    await browser.close();
  }
}

const watchdog = setTimeout(() => {
  check(false, `finished within ${WATCHDOG_MS / 1000} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

try {
  await main();
} finally {
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}
