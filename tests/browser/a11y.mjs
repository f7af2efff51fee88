// Accessibility and validity of every page of a built site, from file://:
// axe-core (WCAG 2.1 A/AA rules) in headless Chromium through
// playwright-core, and the Nu HTML checker (vnu-jar) on every page.
//
// Usage: node tests/browser/a11y.mjs SITE_DIR
// Prints one line per page with problems and `N passed, M failed` at the end.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const siteDir = path.resolve(process.argv[2] ?? 'public');
const axePath = require.resolve('axe-core/axe.min.js');
const vnuJar = require('vnu-jar');

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return htmlFiles(p);
    return name.endsWith('.html') ? [p] : [];
  }).sort();
}

const files = htmlFiles(siteDir);
let passed = 0;
let failed = 0;
const report = (ok, line) => {
  if (ok) passed += 1; else { failed += 1; console.log(`FAIL - ${line}`); }
};

// Nu HTML checker: all pages in one run; errors only.
let vnuOut = '';
try {
  vnuOut = execFileSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'gnu', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (e) {
  vnuOut = `${e.stdout ?? ''}${e.stderr ?? ''}`;
}
const vnuErrors = vnuOut.split('\n').filter((l) => l.includes('error'));
report(vnuErrors.length === 0, `Nu HTML checker: ${vnuErrors.length} errors\n${vnuErrors.slice(0, 20).join('\n')}`);
if (vnuErrors.length === 0) console.log(`ok   - Nu HTML checker: ${files.length} pages, no errors`);

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
  for (const file of files) {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
    const rel = path.relative(siteDir, file);
    const v = result.violations;
    report(v.length === 0, `axe ${rel}: ${v.map((x) => `${x.id} (${x.nodes.length}): ${x.nodes[0]?.html.slice(0, 160)}`).join('; ')}`);
  }
  console.log(`ok   - axe-core WCAG 2.1 AA: ${files.length} pages checked`);
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
