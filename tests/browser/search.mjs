#!/usr/bin/env node
// Browser test of full-text search, from file:// in headless Chromium.
//
// Usage: node tests/browser/search.mjs [SITE_DIR]   (default: <repo>/public)
//
// Reads every page of SITE_DIR (tags dropped) to find where 公务接待 occurs,
// then searches for it on search/index.html opened from disk and requires a
// result on every such page, each with a snippet in which the phrase is
// marked (<mark>, made as text). Also: the index shards are loaded on demand
// (not all of them for one query) and stay inside SITE_DIR; a query that is
// markup shows as text; no console error or Content-Security-Policy
// violation; with JavaScript off the page says so and links the home page.
// Prints one line per assertion and finally "N passed, M failed".

import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TIMEOUT_MS = 30_000;
const CHROMIUM = '/usr/bin/chromium';
const PHRASE = '公务接待';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const siteDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'public'));

let passed = 0;
let failed = 0;
function check(ok, description, detail = '') {
  if (ok) passed += 1; else failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} - ${description}${!ok && detail ? `\n       ${detail}` : ''}`);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

// The text a reader sees of a page: tags, <script>/<svg> content dropped
// (an SVG chart's labels repeat its table), character references decoded.
function pageText(html) {
  return html.replace(/<(script|svg)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

const rel = (p) => path.relative(siteDir, p).split(path.sep).join('/');
const pages = walk(siteDir).filter((p) => p.endsWith('.html') && !rel(p).startsWith('search/'));
const holding = new Map();
for (const p of pages) {
  const n = pageText(readFileSync(p, 'utf8')).split(PHRASE).length - 1;
  if (n > 0) holding.set(rel(p), n);
}
const occurrences = [...holding.values()].reduce((a, b) => a + b, 0);
console.log(`${PHRASE}: ${occurrences} occurrences on ${holding.size} pages: ${[...holding].map(([p, n]) => `${p} (${n})`).join(', ')}`);
const shardFiles = walk(path.join(siteDir, 'search')).filter((p) => p.endsWith('.js'));
const indexBytes = shardFiles.reduce((a, p) => a + statSync(p).size, statSync(path.join(siteDir, 'search-index.js')).size);
console.log(`index: ${shardFiles.length} shards, ${indexBytes} bytes, largest ${Math.max(...shardFiles.map((p) => statSync(p).size))} bytes`);
check(holding.size >= 3, `${PHRASE} occurs on at least 3 pages of the site (${holding.size})`);

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const context = await browser.newContext();
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP ${e.effectiveDirective} ${e.blockedURI}`)));
  const searchUrl = pathToFileURL(path.join(siteDir, 'search', 'index.html')).href;

  await page.goto(`${searchUrl}?q=${encodeURIComponent(PHRASE)}`, { waitUntil: 'load' });
  await page.locator('#search-results li').first().waitFor({ timeout: TIMEOUT_MS });
  const results = await page.locator('#search-results li').evaluateAll((lis) => lis.map((li) => ({
    href: li.querySelector('a').getAttribute('href'),
    marks: [...li.querySelectorAll('.snippet mark')].map((m) => m.textContent),
    snippet: li.querySelector('.snippet')?.textContent ?? '',
    elements: [...li.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
  })));
  const found = new Set(results.map((r) => r.href.replace(/^\.\.\//, '').split('#')[0]));
  const missing = [...holding.keys()].filter((p) => !found.has(p));
  check(missing.length === 0, `searching ${PHRASE} finds every page that holds it (${results.length} results on ${found.size} pages)`, `missing: ${missing.join(', ')}`);
  const snippets = results.filter((r) => r.marks.includes(PHRASE) && r.snippet.includes(PHRASE));
  const snippetPages = new Set(snippets.map((r) => r.href.replace(/^\.\.\//, '').split('#')[0]));
  check([...holding.keys()].every((p) => snippetPages.has(p)), `every such page has a result with a snippet marking ${PHRASE} (${snippets.length} snippets)`,
    JSON.stringify(results.slice(0, 5)));
  const allowed = new Set(['li', 'a', 'span', 'p', 'mark']);
  check(results.every((r) => r.elements.every((e) => allowed.has(e))), 'results are made of li, a, span, p and mark only');
  const shardRequests = requests.filter((u) => /\/search\/(chars|docs)-\d+\.js$/.test(u));
  // On demand: the page names no shard itself (script tags are added for a
  // query); on the small demo one query may well need every shard.
  const staticShards = /(chars|docs)-\d+\.js/.test(readFileSync(path.join(siteDir, 'search', 'index.html'), 'utf8'));
  check(!staticShards && shardRequests.length > 0 && shardRequests.length <= shardFiles.length,
    `the query loads ${shardRequests.length} of ${shardFiles.length} index shards, on demand (none named by the page itself)`);
  const root = pathToFileURL(siteDir).href;
  check(requests.every((u) => u.startsWith(root) || u.startsWith('data:')), `every request stays inside the site folder (${requests.length})`);

  // A result leads to its page.
  const first = results[0].href;
  await page.locator('#search-results a').first().click();
  await page.waitForLoadState('load');
  check(page.url().endsWith(first.replace(/^\.\.\//, '').replace(/#.*/, '')) || page.url().includes(encodeURI(first.replace(/^\.\.\//, '').split('#')[0])),
    `a result opens its page (${page.url()})`);

  // Markup typed as a query stays text.
  await page.goto(searchUrl, { waitUntil: 'load' });
  const hostile = '<img src=x onerror=alert(1)>';
  await page.locator('#search-q').fill(hostile);
  await page.locator('#search-q').press('Enter');
  await page.waitForFunction(() => !/正在搜索/.test(document.getElementById('search-status').textContent), null, { timeout: TIMEOUT_MS });
  const status = await page.locator('#search-status').textContent();
  check(status.includes(hostile) && (await page.locator('main img').count()) === 0, `a query that is markup is shown as text (${status})`);
  // Numbers without separators, and a prose phrase with a space between words.
  await page.locator('#search-q').fill('41937.68 全年预算数');
  await page.locator('#search-q').press('Enter');
  await page.locator('#search-results li').first().waitFor({ timeout: TIMEOUT_MS });
  const yuetan = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  check(yuetan.some((h) => h.includes('units/yuetan/2023/evaluation/index.html')), `two words, a number and a phrase of the prose, find 月坛's evaluation (${yuetan.length})`);
  check(problems.length === 0, 'no console errors or Content-Security-Policy violations', problems.join('\n'));

  // JavaScript off: the page says search needs it and links the home page (the site map).
  const off = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await off.newPage();
  await noJs.goto(searchUrl, { waitUntil: 'load' });
  const text = await noJs.locator('main').innerText();
  const home = await noJs.locator('main a[href="../index.html"]').count();
  check(text.includes('JavaScript') && home > 0, 'with JavaScript off the search page says so and links the home page');
  await off.close();
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
