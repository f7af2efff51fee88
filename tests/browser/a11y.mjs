// Accessibility and validity of every page of a built site, from file://:
// axe-core (WCAG 2.1 A/AA rules) in headless Chromium through
// playwright-core, and the Nu HTML checker (vnu-jar) on every page.
//
// Usage: node tests/browser/a11y.mjs SITE_DIR
// Prints one line per page with problems and `N passed, M failed` at the end.
// Fails (exit 1, with the reason) when it cannot really check: java or the
// Nu jar (npm vnu-jar) is missing, the site has no HTML page, or either
// checker checked fewer pages than the site's HTML files.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Stop the whole run: a check that cannot run must not pass. */
function fatal(message) {
  console.log(`FAIL - ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const require = createRequire(import.meta.url);
const siteDir = path.resolve(process.argv[2] ?? 'public');
const axePath = require.resolve('axe-core/axe.min.js');
let vnuJar;
try {
  vnuJar = String(require('vnu-jar'));
} catch (e) {
  fatal(`Nu HTML checker: npm package vnu-jar is missing (run npm ci --no-audit --no-fund): ${e.message}`);
}
if (!existsSync(vnuJar)) fatal(`Nu HTML checker: ${vnuJar} is missing (reinstall vnu-jar with npm ci)`);
try {
  execFileSync('java', ['-version'], { stdio: 'ignore' });
} catch (e) {
  fatal(`Nu HTML checker: cannot run java (${e.code ?? `exit ${e.status}`}); install a Java runtime, e.g. apt-get install default-jre-headless`);
}

/** Every file below `dir` (links followed), sorted. */
function allFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  }).sort();
}

if (!existsSync(siteDir) || !statSync(siteDir).isDirectory()) fatal(`site folder ${siteDir} does not exist`);
// The site's HTML files, whatever the case of their extension.
const files = allFiles(siteDir).filter((p) => /\.html?$/i.test(p));
if (files.length === 0) fatal(`no HTML page in ${siteDir}: nothing was checked`);
let passed = 0;
let failed = 0;
const report = (ok, line) => {
  if (ok) passed += 1; else { failed += 1; console.log(`FAIL - ${line}`); }
};

// Nu HTML checker: all pages in one run; errors only. --verbose lists each
// file it checks on stdout; its messages go to stderr. Exit 0: no errors,
// 1: errors found; anything else (or 1 without a message) means it did not run.
let vnuStdout = '';
let vnuStderr = '';
try {
  vnuStdout = execFileSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'gnu', '--verbose', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
} catch (e) {
  vnuStdout = e.stdout ?? '';
  vnuStderr = e.stderr ?? '';
  if (e.status !== 1 || !/: error: /.test(vnuStderr)) fatal(`Nu HTML checker did not run (${e.code ?? `exit ${e.status}`}): ${vnuStderr.trim() || e.message}`);
}
const vnuErrors = vnuStderr.split('\n').filter((l) => l.includes(': error: '));
report(vnuErrors.length === 0, `Nu HTML checker: ${vnuErrors.length} errors\n${vnuErrors.slice(0, 20).join('\n')}`);
const listed = new Set(vnuStdout.split('\n'));
const vnuChecked = files.filter((f) => listed.has(f)).length;
report(vnuChecked === files.length, `Nu HTML checker checked ${vnuChecked} of the site's ${files.length} HTML files`);
if (vnuErrors.length === 0 && vnuChecked === files.length) console.log(`ok   - Nu HTML checker: ${vnuChecked} pages, no errors`);

const profile = mkdtempSync(path.join(os.tmpdir(), 'gongkai-a11y-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  // axe is injected as a script of the page's own, which the pages'
  // Content-Security-Policy rightly refuses; smoke.mjs checks the policy.
  bypassCSP: true,
});
try {
  const page = await ctx.newPage();
  let axeChecked = 0;
  for (const file of files) {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
    const rel = path.relative(siteDir, file);
    const v = result.violations;
    axeChecked += 1;
    report(v.length === 0, `axe ${rel}: ${v.map((x) => `${x.id} (${x.nodes.length}): ${x.nodes[0]?.html.slice(0, 160)}`).join('; ')}`);
  }
  report(axeChecked === files.length, `axe-core checked ${axeChecked} of the site's ${files.length} HTML files`);
  if (axeChecked === files.length) console.log(`ok   - axe-core WCAG 2.1 AA: ${axeChecked} pages checked`);
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || passed === 0 ? 1 : 0);
