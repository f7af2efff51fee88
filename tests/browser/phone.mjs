#!/usr/bin/env node
// Phone, print and anchor test of the generated gongkai site (issue M,
// items 3–6), with numbers:
//
//   3. charts: every visible chart text renders at ≥ 12 px at 360 px (SVG
//      text measured as its font size times the SVG's scale; a chart's HTML
//      legend by its computed font size); pies are ≥ 200 px wide at 1280 px;
//   4. tables at 360 px: scrolled sideways to the end, each wide table's
//      caption (with its unit) is still inside the screen and its row names
//      (the first column) still visible; no row is made more than four
//      lines taller by 核验提示 in cells off the screen; at
//      1280 px no row name is narrower than 6 characters;
//   5. print: each report kind printed to an A4 PDF (page.pdf) and read back
//      with `pdftotext -bbox`: no two words overlap on any sheet (the running
//      title never prints over body text), the first sheet is filled to at
//      least 60% of its height, no word runs off the sheet;
//   6. landing on a figure (#fig-…) or a norm (#norm-…): the target is fully
//      inside the viewport, its background differs from its look without
//      the anchor, and for a target in a table the table's header row is in
//      view too.
//
// Usage: node tests/browser/phone.mjs SITE_DIR
// Writes screenshots at 360 px and 1280 px, one PDF per report kind and PNGs
// of each PDF's first two sheets into <repo>/test-artifacts/. Prints one line per assertion and "N passed, M failed".

import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync'];
const WATCHDOG_MS = 240_000;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const siteDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'public'));
const artifactsDir = path.join(repoRoot, 'test-artifacts');

/** One page per report kind of the demo (a project page stands for 自评表). */
const REPORTS = [
  ['final-accounts', 'units/xinjiekou/2023/final-accounts/index.html'],
  ['tracking', 'units/baizhifang/2020/tracking/index.html'],
  ['evaluation', 'units/yuetan/2023/evaluation/index.html'],
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

async function open(page, rel, width, height = 800) {
  await page.setViewportSize({ width, height });
  await page.goto(url(rel), { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

// ---------------------------------------------------------------- item 3: charts
/** Every visible text of every chart: SVG <text> at font size × the SVG's scale, HTML legend text at its computed size. */
function chartTextSizes() {
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    const cs = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && cs.display !== 'none' && cs.visibility !== 'hidden';
  };
  const out = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const vb = svg.viewBox.baseVal;
    const scale = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
    for (const t of svg.querySelectorAll('text')) {
      if (!visible(t)) continue;
      out.push({ chart: svg.id || svg.getAttribute('aria-labelledby'), text: t.textContent.slice(0, 20), px: parseFloat(getComputedStyle(t).fontSize) * scale });
    }
  }
  for (const box of document.querySelectorAll('.chart-box, .chart-legend')) {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const e = n.parentElement;
      if (e.closest('svg') || !n.textContent.trim() || !visible(e)) continue;
      out.push({ chart: 'html', text: n.textContent.trim().slice(0, 20), px: parseFloat(getComputedStyle(e).fontSize) });
    }
  }
  return out;
}

async function charts(page) {
  for (const [kind, rel] of REPORTS) {
    await open(page, rel, 360);
    const sizes = await page.evaluate(chartTextSizes);
    if (sizes.length > 0) {
      const small = sizes.filter((s) => s.px < 12);
      const min = Math.min(...sizes.map((s) => s.px));
      check(small.length === 0, `${kind}: at 360 px every chart text is ≥ 12 px (${sizes.length} texts, smallest ${min.toFixed(1)} px)`,
        small.slice(0, 8).map((s) => `${s.chart}: “${s.text}” ${s.px.toFixed(1)} px`).join('\n'));
    }
    // Every report kind (a page without charts too) gets its screenshots.
    await page.screenshot({ path: path.join(artifactsDir, `${kind}-360.png`), fullPage: false });
    await open(page, rel, 1280, 900);
    const pies = await page.evaluate(() => Array.from(document.querySelectorAll('svg.chart.pie'), (s) => Math.round(s.getBoundingClientRect().width)));
    if (pies.length) check(pies.every((w) => w >= 200), `${kind}: at 1280 px every pie is ≥ 200 px wide (${pies.join(', ')} px)`);
    await page.screenshot({ path: path.join(artifactsDir, `${kind}-1280.png`), fullPage: false });
  }
}

// ---------------------------------------------------------------- item 4: tables
async function tables(page) {
  for (const [kind, rel] of REPORTS) {
    await open(page, rel, 360);
    const r = await page.evaluate(() => {
      const wraps = Array.from(document.querySelectorAll('.table-wrap')).filter((w) => w.scrollWidth > w.clientWidth + 1);
      const lost = [];
      for (const w of wraps) {
        w.scrollLeft = w.scrollWidth;
        const cap = w.querySelector('caption');
        const range = document.createRange();
        range.selectNodeContents(cap);
        const c = range.getBoundingClientRect();
        if (c.left < -1 || c.right > window.innerWidth + 1) lost.push(`caption “${cap.textContent.slice(0, 24)}” at ${Math.round(c.left)}–${Math.round(c.right)} px`);
        const wr = w.getBoundingClientRect();
        const head = w.querySelector('tbody th');
        if (head) {
          const h = head.getBoundingClientRect();
          if (h.left < wr.left - 1) lost.push(`row name “${head.textContent.slice(0, 12)}” of “${cap.textContent.slice(0, 16)}” scrolled to ${Math.round(h.left)} px`);
        }
        w.scrollLeft = 0;
      }
      // A row is "tall and blank" when the 核验提示 in its cells off to the side
      // (outside the scroll box's visible part, before scrolling) make it more
      // than four lines taller than it is without them.
      const tall = [];
      for (const w of document.querySelectorAll('.table-wrap')) {
        const wr = w.getBoundingClientRect();
        for (const tr of w.querySelectorAll('tbody tr')) {
          const rh = tr.getBoundingClientRect().height;
          const line = parseFloat(getComputedStyle(tr.cells[0]).lineHeight) || 28;
          const off = Array.from(tr.cells).filter((c) => {
            const cr = c.getBoundingClientRect();
            return cr.right <= wr.left || cr.left >= Math.min(wr.right, window.innerWidth);
          }).flatMap((c) => Array.from(c.querySelectorAll('.verify-note')));
          if (off.length === 0) continue;
          off.forEach((n) => n.style.setProperty('display', 'none'));
          const without = tr.getBoundingClientRect().height;
          off.forEach((n) => n.style.removeProperty('display'));
          if (rh - without > 4 * line) tall.push(`${Math.round(rh)} px row, ${Math.round(without)} px without the notes off screen: ${tr.textContent.trim().slice(0, 24)}`);
        }
      }
      return { wide: wraps.length, all: document.querySelectorAll('.table-wrap').length, lost, tall };
    });
    check(r.lost.length === 0, `${kind}: at 360 px, scrolled sideways, ${r.wide} of ${r.all} tables keep caption and row names in view`, r.lost.slice(0, 8).join('\n'));
    check(r.tall.length === 0, `${kind}: at 360 px no row is made more than four lines taller by notes off the screen`, r.tall.slice(0, 8).join('\n'));
    await page.screenshot({ path: path.join(artifactsDir, `${kind}-360-table.png`), fullPage: false, clip: undefined });
    await open(page, rel, 1280, 900);
    const narrow = await page.evaluate(() => Array.from(document.querySelectorAll('.table-wrap tbody th'))
      .filter((th) => th.textContent.trim().length >= 6)
      .map((th) => ({ w: th.getBoundingClientRect().width / parseFloat(getComputedStyle(th).fontSize), t: th.textContent.trim().slice(0, 16) }))
      .filter((x) => x.w < 6));
    check(narrow.length === 0, `${kind}: at 1280 px no row name is narrower than 6 characters`, narrow.slice(0, 8).map((x) => `${x.w.toFixed(1)} em: ${x.t}`).join('\n'));
  }
}

// ---------------------------------------------------------------- item 5: print
/** Words of each PDF sheet with their boxes, from `pdftotext -bbox`. */
function pdfWords(pdf) {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { maxBuffer: 64 << 20 }).toString();
  const pages = [];
  for (const p of html.split('<page ').slice(1)) {
    const [, w, h] = p.match(/width="([\d.]+)" height="([\d.]+)"/);
    const words = Array.from(p.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g),
      (m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], t: m[5] }));
    pages.push({ width: +w, height: +h, words });
  }
  return pages;
}

function overlaps(words) {
  const found = [];
  for (let i = 0; i < words.length; i++) {
    const a = words[i];
    for (let j = i + 1; j < words.length; j++) {
      const b = words[j];
      const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (w <= 0 || h <= 0) continue;
      // Glyph boxes of neighbouring lines touch (a big figure's box is tall); text
      // printed over text shares its middle line.
      const middle = Math.abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2);
      if (middle < 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0) && w > 0.3 * Math.min(a.x1 - a.x0, b.x1 - b.x0)) found.push(`“${a.t}” over “${b.t}” at y ${Math.round(a.y0)}`);
    }
  }
  return found;
}

/** Words of the running title (the page's .print-header text, one line) that touch any other word; marks them `title`. */
function titleOver(words, header) {
  if (!header) return [];
  const lines = new Map();
  for (const w of words) {
    const key = Math.round(w.y0 * 2);
    if (!lines.has(key)) lines.set(key, []);
    lines.get(key).push(w);
  }
  const found = [];
  for (const line of lines.values()) {
    if (!line.map((w) => w.t).join('').includes(header)) continue;
    line.forEach((w) => { w.title = true; });
    const x0 = Math.min(...line.map((w) => w.x0)), x1 = Math.max(...line.map((w) => w.x1));
    const y0 = Math.min(...line.map((w) => w.y0)), y1 = Math.max(...line.map((w) => w.y1));
    for (const w of words) {
      if (line.includes(w)) continue;
      if (Math.min(x1, w.x1) - Math.max(x0, w.x0) > 1 && Math.min(y1, w.y1) - Math.max(y0, w.y0) > 1) found.push(`running title over “${w.t}” at y ${Math.round(w.y0)}`);
    }
  }
  return found;
}

async function print(page) {
  for (const [kind, rel] of REPORTS) {
    await open(page, rel, 1280, 900);
    const pdf = path.join(artifactsDir, `${kind}.pdf`);
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const sheets = pdfWords(pdf);
    const header = (await page.evaluate(() => document.querySelector('.print-header')?.textContent ?? '')).replace(/\s+/g, '');
    const over = sheets.flatMap((s, i) => [...overlaps(s.words), ...titleOver(s.words, header)].map((o) => `sheet ${i + 1}: ${o}`));
    check(over.length === 0, `${kind}: printed to ${sheets.length} A4 sheets, no words overlap (running title clear of the body)`, over.slice(0, 6).join('\n'));
    const fills = sheets.map((s) => Math.max(0, ...s.words.filter((w) => !w.title).map((w) => w.y1)) / s.height);
    const pct = (f) => `${(f * 100).toFixed(0)}%`;
    check(fills[0] >= 0.8 || sheets.length === 1, `${kind}: the first sheet's text reaches ${pct(fills[0])} of its height (at least 80%)`);
    const inner = fills.slice(0, -1);
    const least = Math.min(...inner);
    check(inner.length === 0 || least >= 0.5, `${kind}: no sheet but the last is mostly blank (least filled: sheet ${inner.indexOf(least) + 1}, ${pct(least)})`);
    const off = sheets.flatMap((s, i) => s.words.filter((w) => w.x0 < 0 || w.x1 > s.width + 0.5 || w.y1 > s.height + 0.5).map((w) => `sheet ${i + 1}: “${w.t}” x ${Math.round(w.x0)}–${Math.round(w.x1)} of ${Math.round(s.width)}`));
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 700, height: 900 });
    const spill = await page.evaluate(() => Array.from(document.querySelectorAll('main table, main pre, main figure'))
      .filter((e) => e.getBoundingClientRect().right > document.querySelector('main').getBoundingClientRect().right + 1)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id} right edge at ${Math.round(e.getBoundingClientRect().right)} px`));
    await page.emulateMedia({ media: null });
    check(off.length === 0 && spill.length === 0, `${kind}: nothing runs off the printed sheet`, [...off, ...spill].slice(0, 6).join('\n'));
    // The first sheets as PNG, to look at (print-01.png, print-02.png: the 部门决算).
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', pdf, path.join(artifactsDir, kind === 'final-accounts' ? 'print' : `${kind}-print`)]);
  }
}

// ---------------------------------------------------------------- item 6: anchors
async function anchors(page) {
  const links = [];
  await open(page, 'units/xinjiekou/2023/checks/index.html', 1280, 900);
  links.push(...(await page.evaluate(() => Array.from(document.querySelectorAll('a[href*="#fig-"]'), (a) => a.href).slice(0, 3))));
  await open(page, 'norms/index.html', 1280, 900);
  links.push(...(await page.evaluate(() => Array.from(document.querySelectorAll('a[href*="#norm-"]'), (a) => a.href).slice(0, 3))));
  check(links.length >= 4, `found links to figures and norms (${links.length})`);
  for (const width of [360, 1280]) {
    for (const href of links) {
      const u = new URL(href);
      const id = decodeURIComponent(u.hash.slice(1));
      await page.setViewportSize({ width, height: 800 });
      await page.goto(href.replace(/#.*/, ''), { waitUntil: 'load' });
      const plain = await page.evaluate((id) => getComputedStyle(document.getElementById(id)).backgroundColor, id);
      await page.goto(href, { waitUntil: 'load' });
      await page.waitForTimeout(150);
      const r = await page.evaluate((id) => {
        const t = document.getElementById(id);
        const b = t.getBoundingClientRect();
        const thead = t.closest('table')?.querySelector('thead');
        const h = thead?.getBoundingClientRect();
        return {
          top: b.top, bottom: b.bottom, left: b.left, right: b.right, vw: window.innerWidth, vh: window.innerHeight,
          bg: getComputedStyle(t).backgroundColor, target: t.matches(':target'),
          head: h ? { top: h.top, bottom: h.bottom } : null,
        };
      }, id);
      const inside = r.top >= 0 && r.bottom <= r.vh && r.left >= -1 && r.right <= r.vw + 1;
      check(inside && r.target, `${width} px, #${id}: target fully in view (${Math.round(r.top)}–${Math.round(r.bottom)} of ${r.vh} px)`);
      check(r.bg !== plain, `${width} px, #${id}: target highlighted (background ${r.bg}, without the anchor ${plain})`);
      if (r.head) check(r.head.top >= 0 && r.head.bottom <= r.vh, `${width} px, #${id}: its table's header row is in view (${Math.round(r.head.top)}–${Math.round(r.head.bottom)} px)`);
      if (width === 360 && href === links[0]) await page.screenshot({ path: path.join(artifactsDir, 'anchor-360.png') });
    }
  }
}

async function main() {
  console.log(`site folder: ${siteDir}`);
  if (!check(existsSync(path.join(siteDir, 'index.html')), 'site folder contains index.html')) return;
  await mkdir(artifactsDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const context = await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block' });
    await context.route((u) => u.protocol !== 'file:' && u.protocol !== 'data:', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const only = process.env.PHONE_ONLY;
    for (const [name, step] of [['charts', charts], ['tables', tables], ['print', print], ['anchors', anchors]]) {
      if (only && only !== name) continue;
      console.log(`# ${name}`);
      try {
        await step(page);
      } catch (e) {
        check(false, `${name} ran without exceptions`, e?.stack ?? String(e));
      }
    }
    check(errors.length === 0, 'no uncaught page errors', errors.join('\n'));
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
