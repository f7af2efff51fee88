#!/usr/bin/env node
// Browser smoke test for the generated gongkai site.
//
// Usage: node tests/browser/smoke.mjs [SITE_DIR]   (default: <repo>/public)
//
// Opens SITE_DIR/index.html over file://, clicks 新街口街道 → 2023年度 → 部门决算,
// checks the final page and takes screenshots into <repo>/test-artifacts/;
// then 白纸坊街道 / 德胜街道 → 绩效跟踪 → a project page and back, and the
// 绩效评价 pages of 月坛, 劲松 and 新街口 with its 自评表.
// Every request the pages make must stay inside SITE_DIR (data: URLs allowed);
// any console error or uncaught page error fails the run, and so does any
// Content-Security-Policy violation (every page carries a strict policy in a
// <meta>; the site's own scripts and styles must still run from file://).
// Prints one line per assertion and finally "N passed, M failed".

import { chromium } from 'playwright-core';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TIMEOUT_MS = 30_000;
const WATCHDOG_MS = 180_000;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const siteDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'public'));
const artifactsDir = path.join(repoRoot, 'test-artifacts');

// ---------------------------------------------------------------- reporting
let passed = 0;
let failed = 0;

function check(ok, description, detail = '') {
  if (ok) {
    passed += 1;
    console.log(`ok   - ${description}`);
  } else {
    failed += 1;
    console.log(`FAIL - ${description}${detail ? `\n       ${detail.split('\n').join('\n       ')}` : ''}`);
  }
  return ok;
}

function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

// A step that cannot fail softly (e.g. a link is missing): record it and stop.
class Fatal extends Error {}

function require_(ok, description, detail = '') {
  if (!check(ok, description, detail)) throw new Fatal(description);
}

// ---------------------------------------------------------------- URL policy
const siteRootWithSep = siteDir.endsWith(path.sep) ? siteDir : siteDir + path.sep;

/** Returns null if the URL is allowed, otherwise the reason it is not. */
function disallowedReason(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return 'unparsable URL';
  }
  if (parsed.protocol === 'data:') return null;
  if (parsed.protocol !== 'file:') return `not a file:// URL (${parsed.protocol})`;
  let p;
  try {
    p = path.resolve(fileURLToPath(parsed));
  } catch (e) {
    return `bad file URL (${e.message})`;
  }
  if (p !== siteDir && !p.startsWith(siteRootWithSep)) return `outside the site folder (${p})`;
  return null;
}

// ---------------------------------------------------------------- main
async function main() {
  console.log(`site folder: ${siteDir}`);
  const indexPath = path.join(siteDir, 'index.html');
  require_(existsSync(indexPath), `site folder contains index.html`, `missing: ${indexPath}`);

  await mkdir(artifactsDir, { recursive: true });
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'gongkai-smoke-profile-'));

  const requests = []; // every request URL, in order
  const badRequests = []; // "url — reason"
  const consoleErrors = [];
  const pageErrors = [];
  const cspViolations = [];
  const CSP_TAG = 'gongkai-csp-violation:';

  let context;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: TIMEOUT_MS,
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      serviceWorkers: 'block',
    });
    context.setDefaultTimeout(TIMEOUT_MS);
    context.setDefaultNavigationTimeout(TIMEOUT_MS);

    // Record every request of every page in the context (also ones that will
    // fail or be blocked below — the 'request' event fires before that).
    context.on('request', (req) => {
      const url = req.url();
      requests.push(url);
      const reason = disallowedReason(url);
      if (reason) badRequests.push(`${url} — ${reason}`);
    });
    // Never let anything actually leave the machine; the request above is
    // already recorded, so blocking it keeps the run fast and deterministic.
    await context.route(
      (url) => url.protocol !== 'file:' && url.protocol !== 'data:',
      (route) => route.abort('blockedbyclient'),
    );

    // Report every CSP violation of every page on the console (an init
    // script runs outside the page's policy), collected below.
    await context.addInitScript((tag) => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`${tag} ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.documentURI}` +
          (e.sample ? ` — ${e.sample}` : ''));
      });
    }, CSP_TAG);

    const page = context.pages()[0] ?? (await context.newPage());
    const attach = (p) => {
      p.on('console', (msg) => {
        if (msg.type() === 'error' && msg.text().startsWith(CSP_TAG)) {
          cspViolations.push(msg.text().slice(CSP_TAG.length).trim());
        } else if (msg.type() === 'error') {
          const loc = msg.location();
          consoleErrors.push(`${msg.text()}${loc?.url ? ` (at ${loc.url}:${loc.lineNumber})` : ''}`);
        }
      });
      p.on('pageerror', (err) => pageErrors.push(`${p.url()}: ${err.message}`));
      p.on('websocket', (ws) => badRequests.push(`${ws.url()} — WebSocket`));
    };
    attach(page);
    context.on('page', (p) => {
      if (p !== page) attach(p);
    });

    try {
      await run(page);
    } catch (e) {
      if (!(e instanceof Fatal)) check(false, 'test ran without unexpected exceptions', e?.stack ?? String(e));
    }

    // Global checks, reported whatever happened above.
    check(
      requests.length > 0 && badRequests.length === 0,
      `every request stays inside the site folder (${requests.length} requests recorded)`,
      badRequests.join('\n'),
    );
    check(cspViolations.length === 0, 'no Content-Security-Policy violations', cspViolations.join('\n'));
    check(consoleErrors.length === 0, 'no console errors', consoleErrors.join('\n'));
    check(pageErrors.length === 0, 'no uncaught page errors', pageErrors.join('\n'));
  } finally {
    if (context) await context.close().catch(() => {});
    await rm(profileDir, { recursive: true, force: true }).catch(() => {});
  }
}

/** Asserts the current page is a file:// page that exists inside the site, named as a file:
 *  a folder's index.html or a project page (projects/<n>.html), never a bare folder. */
function checkLocalIndexUrl(page, label) {
  const url = page.url();
  let ok = false;
  let detail = `URL is ${url}`;
  try {
    const u = new URL(url);
    const named = u.pathname.endsWith('/index.html') || /\/projects\/[^/]+\.html$/.test(u.pathname);
    if (u.protocol === 'file:' && named) {
      const p = fileURLToPath(u);
      const inside = disallowedReason(url) === null;
      const exists = existsSync(p) && statSync(p).isFile();
      ok = inside && exists;
      if (!inside) detail += ' (outside the site folder)';
      else if (!exists) detail += ' (file does not exist)';
    }
  } catch {
    /* keep ok = false */
  }
  require_(ok, `${label}: page is a file:// URL naming an .html file — ${url}`, detail);
}

async function clickLink(page, text) {
  const links = page.locator('a:visible', { hasText: text });
  const count = await links.count();
  require_(count > 0, `found a visible link containing “${text}” on ${page.url()}`,
    `no visible <a> whose text contains “${text}”`);
  const link = links.first();
  const href = await link.getAttribute('href');
  const before = page.url();
  await link.click();
  try {
    await page.waitForURL((u) => u.href !== before, { waitUntil: 'load', timeout: TIMEOUT_MS });
  } catch {
    require_(false, `clicking “${text}” (href="${href}") navigates to a new page`,
      `still on ${page.url()} after ${TIMEOUT_MS / 1000} s`);
  }
  await page.waitForLoadState('load');
  checkLocalIndexUrl(page, `after clicking “${text}” (href="${href}")`);
}

/// Print the current page to an A4 PDF and take a 360 px phone screenshot
/// (every page kind is checked in print and on a phone).
async function printAndPhone(page, name) {
  const pdf = path.join(artifactsDir, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const sheets = (readFileSync(pdf).toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  check(sheets >= 1, `${name}: prints to a ${sheets}-page A4 PDF`);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const shot = path.join(artifactsDir, `${name}-phone.png`);
  await page.screenshot({ path: shot, fullPage: false });
  const spill = await page.evaluate(() => Array.from(document.querySelectorAll('main p, main h1, main h2'))
    .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1).length);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(existsSync(shot) && spill === 0 && width <= 360, `${name}: at 360 px nothing but tables (in their own scroll box) is wider than the screen (${spill}, page ${width} px)`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function run(page) {
  const start = pathToFileURL(path.join(siteDir, 'index.html')).href;
  await page.goto(start, { waitUntil: 'load' });
  checkLocalIndexUrl(page, 'home page');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  check(/script-src 'self'/.test(csp ?? '') && !/unsafe-inline|unsafe-eval/.test(csp ?? ''),
    `the home page carries a strict Content-Security-Policy (${csp})`);

  // ---- keyboard only: the first Tab reaches a visible skip link, Enter moves
  // into the content, the search box is reachable, focus is always visible.
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const a = document.activeElement;
    const r = a.getBoundingClientRect();
    return { text: a.textContent, visible: r.width > 0 && r.left >= 0 && r.top >= 0, outline: getComputedStyle(a).outlineStyle };
  });
  check(skip.text === '跳到正文' && skip.visible, `first Tab focuses the visible skip link (${JSON.stringify(skip)})`);
  await page.keyboard.press('Enter');
  const inMain = await page.evaluate(() => document.activeElement?.id === 'main' || location.hash === '#main');
  check(inMain, 'Enter on the skip link moves to the main content');
  await page.goto(start, { waitUntil: 'load' });
  let reachedSearch = false;
  let invisibleFocus = [];
  for (let i = 0; i < 12 && !reachedSearch; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const a = document.activeElement;
      const cs = getComputedStyle(a);
      return { id: a.id, tag: a.tagName, shown: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none' };
    });
    reachedSearch = f.id === 'site-q';
    if (!f.shown) invisibleFocus.push(f.tag);
  }
  check(reachedSearch, 'the header search box is reachable by Tab');
  check(invisibleFocus.length === 0, 'every focused element shows focus', invisibleFocus.join(', '));
  const tabbable = await page.evaluate(() => Array.from(document.querySelectorAll('a[href]')).every((a) => a.tabIndex >= 0));
  check(tabbable, 'every link on the home page is in the tab order');

  await clickLink(page, '新街口街道');
  await clickLink(page, '2023年度');
  await clickLink(page, '部门决算');

  // ---- text resized to 200%: nothing outside tables' own scroll boxes overflows
  // (Through the CSSOM: the pages' Content-Security-Policy refuses an inline <style>.)
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
  const spill = await page.evaluate(() => Array.from(document.querySelectorAll('main p, main h1, main h2, main li'))
    .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1).length);
  check(spill === 0, `at 200% text size no paragraph, heading or list item runs off the screen (${spill})`);
  await page.reload({ waitUntil: 'load' });

  // ---- final page: 部门决算
  const lang = await page.locator('html').getAttribute('lang');
  check(lang === 'zh-CN', '<html lang="zh-CN">', `lang is ${JSON.stringify(lang)}`);

  const h1s = await page.locator('h1').allTextContents();
  check(h1s.length > 0 && h1s[0].includes('部门决算'), 'h1 contains “部门决算”',
    h1s.length ? `h1 text: ${JSON.stringify(h1s)}` : 'no <h1> on the page');

  const charts = await page.evaluate(() =>
    Array.from(document.querySelectorAll('svg[role="img"]'), (svg) => ({
      id: svg.id || svg.getAttribute('aria-labelledby') || '(no id)',
      title: svg.querySelector(':scope > title')?.textContent?.trim() ?? null,
      desc: svg.querySelector(':scope > desc')?.textContent?.trim() ?? null,
    })),
  );
  check(charts.length >= 2, `at least 2 svg[role=img] charts (found ${charts.length})`);
  const incomplete = charts.filter((c) => !c.title || !c.desc);
  check(charts.length > 0 && incomplete.length === 0,
    'every svg[role=img] has a non-empty <title> and <desc> child',
    incomplete.map((c) => `${c.id}: title=${JSON.stringify(c.title)} desc=${JSON.stringify(c.desc)}`).join('\n'));

  const notes = page.locator('.verify-note');
  const visibleNotes = await page.locator('.verify-note:visible').count();
  check(visibleNotes > 0, `a visible .verify-note (核验提示) is shown (${visibleNotes} visible of ${await notes.count()})`);

  // ---- 显示来源: the checkbox (no JavaScript needed) shows each figure's file:line
  const before = await page.evaluate(() => getComputedStyle(document.querySelector('[data-src]'), '::after').content);
  await page.locator('label[for="show-src"]').click();
  const after = await page.evaluate(() => getComputedStyle(document.querySelector('[data-src]'), '::after').content);
  check((before === 'none' || before === 'normal') && /final-accounts\.toml:\d+/.test(after),
    '显示来源 reveals a figure\'s data file and line', `before ${before}, after ${after}`);
  await page.locator('label[for="show-src"]').click();

  // ---- screenshots
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const desktopShot = path.join(artifactsDir, 'final-accounts.png');
  await page.screenshot({ path: desktopShot, fullPage: true });
  check(existsSync(desktopShot), `full-page screenshot written: ${path.relative(repoRoot, desktopShot)}`);

  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForLoadState('load');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const phoneShot = path.join(artifactsDir, 'final-accounts-phone.png');
  await page.screenshot({ path: phoneShot, fullPage: true });
  check(existsSync(phoneShot), `360×800 screenshot written: ${path.relative(repoRoot, phoneShot)}`);

  // An old laptop screen: 1024×768.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const oldShot = path.join(artifactsDir, 'final-accounts-1024x768.png');
  await page.screenshot({ path: oldShot, fullPage: false });
  check(existsSync(oldShot), `1024×768 screenshot written: ${path.relative(repoRoot, oldShot)}`);
  await page.setViewportSize({ width: 360, height: 800 });

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  check(overflow <= 360, `at 360 px the page itself does not scroll sideways (only wide tables, inside their box): ${overflow} px`);
  await page.setViewportSize({ width: 1280, height: 900 });

  // ---- print: A4 PDF (Chromium's print-to-PDF), no navigation, title on every sheet
  await page.emulateMedia({ media: 'print' });
  const navHidden = await page.evaluate(() => getComputedStyle(document.querySelector('header.site')).display === 'none'
    && getComputedStyle(document.querySelector('.print-header')).display !== 'none');
  check(navHidden, 'print stylesheet hides the navigation and shows the running title');
  const pdf = path.join(artifactsDir, 'final-accounts.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const pdfBytes = readFileSync(pdf);
  const sheets = (pdfBytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  check(sheets >= 3, `final accounts print to a ${sheets}-page A4 PDF: ${path.relative(repoRoot, pdf)}`);
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, path.join(artifactsDir, 'print')]);
    check(['print-1.png', 'print-01.png'].some((f) => existsSync(path.join(artifactsDir, f))), 'pdftoppm rendered the first printed pages to test-artifacts/print-*.png');
  } catch (e) {
    check(false, 'pdftoppm renders the PDF', String(e));
  }

  // ---- 绩效跟踪: home → 白纸坊街道 → 2020年度 → 绩效跟踪 → a project → back
  for (const [unit, year, projects] of [['白纸坊街道', '2020年度', 51], ['德胜街道', '2016年度', 25]]) {
    await page.goto(start, { waitUntil: 'load' });
    await clickLink(page, unit);
    await clickLink(page, year);
    await clickLink(page, '绩效跟踪');
    const h1 = (await page.locator('h1').allTextContents())[0] ?? '';
    check(h1.includes('绩效跟踪'), `${unit}: h1 contains “绩效跟踪”`, `h1: ${h1}`);
    const rows = await page.locator('#projects-table tbody tr').count();
    check(rows === projects + 1, `${unit}: master table has ${projects} projects + 合计 (found ${rows} rows)`);
    const total = await page.locator('#projects-table tbody tr.total').count();
    check(total === 1, `${unit}: the 合计 row is marked as a total row`);
    const svgs = await page.evaluate(() => Array.from(document.querySelectorAll('svg[role="img"]'),
      (svg) => Boolean(svg.querySelector(':scope > title')?.textContent && svg.querySelector(':scope > desc')?.textContent)));
    check(svgs.length >= 1 && svgs.every(Boolean), `${unit}: ${svgs.length} charts, each with title and desc`);
    if (projects === 25) await printAndPhone(page, 'tracking');
    if (projects === 51) {
      // Sortable table: 实际支出 ascending, then descending, then the source order again.
      const firstName = () => page.locator('#projects-table tbody tr').first().locator('th').innerText();
      const before = await firstName();
      const header = page.locator('#projects-table thead th', { hasText: '实际支出' }).first();
      const col = await header.evaluate((th) => th.cellIndex);
      const column = () => page.locator('#projects-table tbody tr:not(.total)').evaluateAll((rows, c) => rows.map((r) => {
        const t = r.cells[c].cloneNode(true);
        t.querySelectorAll('.verify-note, .sr-only, sup').forEach((n) => n.remove());
        return parseFloat(t.textContent.replace(/[,\s]/g, ''));
      }).filter((v) => !Number.isNaN(v)), col);
      await header.locator('button.sort').click();
      const up = await column();
      check(up.length > 10 && up.every((v, i) => i === 0 || up[i - 1] <= v) && (await header.getAttribute('aria-sort')) === 'ascending',
        `${unit}: clicking 实际支出 sorts the projects ascending (aria-sort set)`);
      await header.locator('button.sort').click();
      const down = await column();
      check(down.length === up.length && down.every((v, i) => i === 0 || down[i - 1] >= v), `${unit}: a second click sorts descending`);
      const lastRow = await page.locator('#projects-table tbody tr').last().getAttribute('class');
      check((lastRow ?? '').includes('total'), `${unit}: the 合计 row stays last`);
      await header.locator('button.sort').click();
      check((await firstName()) === before && (await header.getAttribute('aria-sort')) === null, `${unit}: a third click restores the source order`);
    }
    const shot = path.join(artifactsDir, `tracking-${projects}.png`);
    await page.screenshot({ path: shot, fullPage: false });
    check(existsSync(shot), `${unit}: screenshot written: ${path.relative(repoRoot, shot)}`);
    const first = page.locator('#projects-table tbody tr a').first();
    const name = (await first.textContent())?.trim() ?? '';
    await first.click();
    await page.waitForLoadState('load');
    checkLocalIndexUrl(page, `${unit}: project page of “${name}”`);
    const ph1 = (await page.locator('h1').allTextContents())[0] ?? '';
    check(ph1 === name, `${unit}: project page h1 is the project name`, `h1: ${ph1}`);
    await clickLink(page, '返回绩效跟踪报告');
  }

  // ---- 绩效评价: each unit's evaluation page; 新街口's 自评表 and back
  for (const [unit, year, charts] of [['月坛街道', '2023年度', 2], ['劲松街道', '2021年度', 0], ['新街口街道', '2023年度', 1]]) {
    await page.goto(start, { waitUntil: 'load' });
    await clickLink(page, unit);
    await clickLink(page, year);
    await clickLink(page, '绩效评价');
    const h1 = (await page.locator('h1').allTextContents())[0] ?? '';
    check(h1.length > 0, `${unit}: evaluation page has an h1 (${h1})`);
    const svgs = await page.evaluate(() => Array.from(document.querySelectorAll('svg[role="img"]'),
      (svg) => Boolean(svg.querySelector(':scope > title')?.textContent && svg.querySelector(':scope > desc')?.textContent)));
    check(svgs.length === charts && svgs.every(Boolean), `${unit}: ${svgs.length} charts (${charts} expected), each with title and desc`);
    if (unit === '月坛街道') await printAndPhone(page, 'evaluation');
    const shot = path.join(artifactsDir, `evaluation-${year}-${unit}.png`);
    await page.screenshot({ path: shot, fullPage: false });
    check(existsSync(shot), `${unit}: screenshot written: ${path.relative(repoRoot, shot)}`);
  }
  await clickLink(page, '项目支出绩效自评表');
  const formRows = await page.locator('#form-indicators tbody tr').count();
  check(formRows >= 2, `自评表 has its indicator rows (${formRows})`);
  const total = (await page.locator('#form-indicators tbody tr.total').textContent()) ?? '';
  check(total.includes('100'), `自评表 总分 row reads 100 (${total.trim()})`);
  await clickLink(page, '返回绩效评价报告');

  // ---- 成本定额: 月坛街道 → 2023年度 → 成本定额 → the analysis → norms index → back by anchor
  await page.goto(start, { waitUntil: 'load' });
  await clickLink(page, '月坛街道');
  await clickLink(page, '2023年度');
  await clickLink(page, '成本定额');
  await clickLink(page, '困难群众救助服务所项目成本绩效分析');
  const costH1 = (await page.locator('h1').allTextContents())[0] ?? '';
  check(costH1.includes('成本绩效分析'), `cost page h1 names the analysis (${costH1})`);
  const costCharts = await page.evaluate(() => Array.from(document.querySelectorAll('figure.chart-pair'), (f) => ({
    ok: Boolean(f.querySelector('svg[role="img"] > title')?.textContent && f.querySelector('svg[role="img"] > desc')?.textContent),
    table: Boolean(f.querySelector('table caption')),
    desc: f.querySelector('svg[role="img"] > desc')?.textContent ?? '',
  })));
  check(costCharts.length === 3 && costCharts.every((c) => c.ok && c.table),
    `cost page: 2 composition pies and the peer bars, each with title, desc and a table beside it (${costCharts.length})`);
  check(costCharts.some((c) => c.desc.includes('月坛街道（本单位）')), 'peer chart names the own unit in its desc');
  const budgetTotals = await page.locator('#budget-2022 tbody tr.total').last().textContent();
  check((budgetTotals ?? '').includes('418,309.92'), `表2 费用总计 row reads 418,309.92 (${budgetTotals?.trim()})`);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const costShot = path.join(artifactsDir, 'cost-budget-2023.png');
  await page.locator('#budget-2023').screenshot({ path: costShot });
  check(existsSync(costShot), `cost: 表3 screenshot written: ${path.relative(repoRoot, costShot)}`);
  await printAndPhone(page, 'cost');
  const pricingShot = path.join(artifactsDir, 'cost-pricing.png');
  await page.locator('#pricing-table').screenshot({ path: pricingShot });
  check(existsSync(pricingShot), `cost: pricing table screenshot written: ${path.relative(repoRoot, pricingShot)}`);
  await clickLink(page, '单项定额一览');
  const normRows = await page.locator('#norms-index tbody tr').count();
  check(normRows === 5, `norms index lists the 5 单项定额 of seed 004 (${normRows})`);
  await page.locator('#norms-index tbody tr a').nth(2).click();
  await page.waitForLoadState('load');
  const hash = new URL(page.url()).hash;
  const target = hash ? await page.locator(hash).count() : 0;
  check(hash === '#norm-case-summary' && target === 1, `norms index links to the norm's row on the analysis page (${page.url()})`);

  // ---- 搜索 from disk: type in the header box, Chinese substrings and amounts
  await page.goto(start, { waitUntil: 'load' });
  await page.locator('#site-q').fill('救助');
  await page.locator('#site-q').press('Enter');
  await page.waitForLoadState('load');
  await page.locator('#search-results li').first().waitFor({ timeout: TIMEOUT_MS });
  const hits = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  const shown = await page.locator('#search-results').textContent();
  const entity = shown.match(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
  check(!entity, `search results show plain text, no character references${entity ? ` (${entity[0]})` : ''}`);
  check(hits.some(([t, h]) => t.includes('困难群众救助服务所项目') && h.includes('cost/relief-service-station/index.html')),
    `searching 救助 finds 困难群众救助服务所项目 (${hits.length} results)`);
  const searchShot = path.join(artifactsDir, 'search-救助.png');
  await page.screenshot({ path: searchShot, fullPage: false });
  check(existsSync(searchShot), `search screenshot written: ${path.relative(repoRoot, searchShot)}`);
  for (const [q, want] of [['418508', 'budget-2023'], ['41.85', 'contracts']]) {
    await page.locator('#search-q').fill(q);
    await page.locator('#search-q').press('Enter');
    await page.locator('#search-results li').first().waitFor({ timeout: TIMEOUT_MS });
    const found = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    check(found.some((h) => h.endsWith('#' + want)), `searching ${q} finds the table #${want} (${found.length} results)`);
  }
  const first = page.locator('#search-results a').first();
  await first.click();
  await page.waitForLoadState('load');
  const landed = new URL(page.url());
  check(landed.hash.length > 1 && (await page.locator(landed.hash).count()) === 1, `a search result opens its page at the anchor (${page.url()})`);
}

const watchdog = setTimeout(() => {
  check(false, `whole smoke test finished within ${WATCHDOG_MS / 1000} s`);
  finish();
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

try {
  await main();
} catch (e) {
  if (!(e instanceof Fatal)) check(false, 'smoke test set-up', e?.stack ?? String(e));
} finally {
  finish();
}
