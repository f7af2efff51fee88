#!/usr/bin/env node
// Units and labels (issue M item 9), read as a citizen sees them.
//
// Usage: node tests/browser/labels.mjs SITE_DIR [SITE_DIR …]
//
// On every report page of each SITE_DIR, opened over file:// at 1280 px:
// 1. the title (h1) names the page's unit — the unit named in its
//    breadcrumb (当前位置) — and the 所属地区 of its footer is in the unit's
//    full name (the title of its unit page);
// 2. the 数据核验 banner, when there is one, is red only when it counts
//    errors, and names no category with 0 处;
// 3. the headline cards give amounts in one money unit (元 or 万元, not both);
// and across each site:
// 4. the home page's list of report kinds (本站收录的报告) names the kind of
//    every report page (a kind it lists is in the page's title);
// 5. no two downloads (CSV, xlsx) share a file name, so a reader saving
//    files from several units never overwrites one with another.
// Prints one line per assertion and finally "N passed, M failed".

import { chromium } from 'playwright-core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checker, htmlFiles } from './lib.mjs';

const CHROMIUM = '/usr/bin/chromium';
const TIMEOUT_MS = 30_000;
const sites = (process.argv.length > 2 ? process.argv.slice(2) : ['public']).map((s) => path.resolve(s));
const { check, done } = checker();

// A report page: units/<unit>/<year>/<report>/index.html, not the 数据核验 page.
const REPORT = /^units\/[^/]+\/\d{4}\/(?!checks\/)[^/]+\/index\.html$/;

// What the page shows: title, breadcrumb, footer region, banner, cards, downloads.
function read() {
  const text = (e) => (e ? e.innerText.replace(/\s+/g, ' ').trim() : '');
  const crumbs = [...document.querySelectorAll('nav.crumbs li')].map(text);
  const footer = text(document.querySelector('footer'));
  const banner = document.querySelector('.verify-banner');
  const cards = [...document.querySelectorAll('.cards.key .card .value')].map(text);
  return {
    h1: text(document.querySelector('h1')),
    crumbs,
    region: (footer.match(/所属地区：(\S+?)(?:\s|·|$)/) || [])[1] || '',
    banner: banner ? { text: text(banner), red: getComputedStyle(banner).backgroundColor === 'rgb(255, 240, 240)' } : null,
    cards,
    downloads: [...document.querySelectorAll('a[download]')].map((a) => decodeURIComponent(new URL(a.href).pathname)),
  };
}

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    for (const site of sites) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(TIMEOUT_MS);
      const reports = htmlFiles(site).filter((p) => REPORT.test(path.relative(site, p).split(path.sep).join('/')));
      check(reports.length > 0, `${path.basename(site)}: report pages found (${reports.length})`);
      await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
      const listed = await page.evaluate(() => (document.querySelector('.kinds')?.innerText ?? '').replace(/^.*：|。$/g, '').split('、').filter(Boolean));
      check(listed.length > 0, `${path.basename(site)}: the home page lists the report kinds (${listed.join('、')})`);
      const fullName = new Map();
      const owners = new Map();
      for (const file of reports) {
        const rel = path.relative(site, file);
        await page.goto(pathToFileURL(file).href);
        const r = await page.evaluate(read);
        const unit = r.crumbs[1] || '';
        check(unit !== '' && r.h1.includes(unit.replace(/街道$/, '')), `${rel}: the title names its unit (${unit})`, r.h1);
        check(listed.some((k) => r.h1.includes(k)), `${rel}: the home page lists its kind`, r.h1);
        const slug = rel.split(path.sep)[1];
        if (!fullName.has(slug)) {
          const unitPage = await browser.newPage();
          await unitPage.goto(pathToFileURL(path.join(site, 'units', slug, 'index.html')).href);
          fullName.set(slug, await unitPage.evaluate(() => document.querySelector('h1').innerText));
          await unitPage.close();
        }
        check(r.region !== '' && fullName.get(slug).includes(r.region), `${rel}: the footer's 所属地区 ${r.region} is the unit's (${fullName.get(slug)})`);
        if (r.banner) {
          const errors = Number((r.banner.text.match(/(\d+) ?处错误/) || [])[1] || 0);
          check(r.banner.red === errors > 0, `${rel}: the banner is ${errors > 0 ? '' : 'not '}red with ${errors} errors`, r.banner.text);
          check(!/[^\d]0 ?处/.test(r.banner.text), `${rel}: the banner names no category with 0 处`, r.banner.text);
        }
        const units = new Set(r.cards.map((c) => (c.match(/(万元|元)/) || [])[1]).filter(Boolean));
        check(units.size <= 1, `${rel}: the headline cards use one money unit (${[...units].join('、') || '无金额'})`, r.cards.join(' | '));
        for (const d of r.downloads) {
          const name = path.basename(d);
          const where = path.dirname(d);
          if (owners.has(name) && owners.get(name) !== where) check(false, `${rel}: the download ${name} has the name of one in ${owners.get(name)}`);
          owners.set(name, where);
        }
      }
      check(owners.size > 0, `${path.basename(site)}: no two downloads share a file name (${owners.size} names)`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  done();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
