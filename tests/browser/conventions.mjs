#!/usr/bin/env node
// The government site's conventions (issue M item 10, part 1).
//
// Usage: node tests/browser/conventions.mjs FIXTURE_SITE DEMO_SITE
//
// FIXTURE_SITE is tests/fixtures/conventions/content built (every field
// set), DEMO_SITE the demo (none set). Opened over file:// at 1280 px and
// 360 px, JavaScript off:
// 1. The report page has the 信息公开 block above its <h1>, showing each
//    value (索引号, 发布机构, 文号, 发布日期, 信息来源, 联系电话 as a tel: link,
//    地址, 邮编, 电子邮箱), inside the page's width at 360 px.
// 2. Its footer shows 主办单位, 承办单位, 网站标识码, ICP备案号, 公网安备案号 and
//    the 党政机关标识 image, loaded (naturalWidth > 0) from a page three
//    folders down and from the home page.
// 3. The 附件 link of the report and year pages opens from file:// (the
//    file it points at exists, with the size the page states; clicking it
//    saves the PDF's bytes).
// 4. The unit page shows 联系方式.
// 5. On the demo nothing is shown that is not set: no footer identifiers,
//    no 联系方式, the block holds 发布机构 alone.
// Prints one line per assertion and finally "N passed, M failed".

import { chromium } from 'playwright-core';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const TIMEOUT_MS = 30_000;
const fixture = path.resolve(process.argv[2] ?? 'conventions-site');
const demo = path.resolve(process.argv[3] ?? 'public');

let passed = 0;
let failed = 0;
function check(ok, description, detail = '') {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} - ${description}${!ok && detail ? `\n       ${detail}` : ''}`);
  return ok;
}

const url = (site, rel) => pathToFileURL(path.join(site, rel)).href;

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const width of [1280, 360]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', javaScriptEnabled: false });
      await context.route(/^(?!file:|data:)/, (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT_MS);

      // 1. The block above the title.
      await page.goto(url(fixture, 'units/example/2024/final-accounts/index.html'));
      const block = page.locator('section.gov-meta');
      check((await block.count()) === 1, `${width} px: the report page has one 信息公开 block`);
      const pairs = await block.locator('dl > div').evaluateAll((ds) => ds.map((d) => [d.querySelector('dt').innerText.replace(/：$/, ''), d.querySelector('dd').innerText]));
      const want = [
        ['索引号', '000014348/2025-00123'],
        ['发布机构', '示例街道办事处财政保障组'],
        ['文号', '示财预〔2025〕12号'],
        ['发布日期', '2025年9月12日'],
        ['信息来源', '示例区财政局'],
        ['联系电话', '010-66181234'],
        ['地址', '示例市示例区示例路27号'],
        ['邮编', '100032'],
        ['电子邮箱', 'czbz@example.gov.cn'],
      ];
      check(JSON.stringify(pairs) === JSON.stringify(want), `${width} px: the block shows each key with its value`, JSON.stringify(pairs));
      const above = await page.evaluate(() => {
        const b = document.querySelector('section.gov-meta').getBoundingClientRect();
        const h = document.querySelector('main h1').getBoundingClientRect();
        return b.bottom <= h.top + 1 && b.right <= document.documentElement.clientWidth + 0.5 && b.left >= 0;
      });
      check(above, `${width} px: the block stands above the title, inside the page's width`);
      check((await block.locator('a[href="tel:010-66181234"]').count()) === 1, `${width} px: 联系电话 is a tel: link`);

      // 2. The footer.
      const footer = await page.locator('footer.site').innerText();
      for (const w of ['主办单位：示例区人民政府', '承办单位：示例区财政局信息中心', '网站标识码：1101020001', 'ICP备案号：京ICP备05012345号', '公网安备案号：京公网安备 11010202000001号']) {
        check(footer.includes(w), `${width} px: the footer shows ${w}`);
      }
      for (const rel of ['units/example/2024/final-accounts/index.html', 'index.html']) {
        await page.goto(url(fixture, rel));
        const loaded = await page.locator('footer img.emblem').evaluate((img) => img.complete && img.naturalWidth > 0);
        check(loaded, `${width} px: the 党政机关标识 loads on ${rel}`);
      }

      // 3. 附件 open from file://.
      for (const rel of ['units/example/2024/final-accounts/index.html', 'units/example/2024/index.html']) {
        await page.goto(url(fixture, rel));
        const links = await page.locator('#attachments li').evaluateAll((lis) => lis.map((li) => ({ href: li.querySelector('a').href, text: li.innerText })));
        check(links.length === 1, `${width} px: ${rel} lists its 附件`, JSON.stringify(links));
        for (const l of links) {
          let size = -1;
          try {
            size = statSync(fileURLToPath(l.href)).size;
          } catch {
            // missing: size stays -1
          }
          check(size > 0 && /PDF 文件，1 KB/.test(l.text), `${width} px: ${decodeURIComponent(l.href.split('/').pop())} exists where its link points, as listed (${l.text})`);
        }
        // Clicking the link opens the file from file:// — saved (the link
        // carries `download`) or shown by the browser: either way its bytes
        // or its address are the PDF's.
        const href = links[0]?.href;
        const downloaded = page.waitForEvent('download', { timeout: 10_000 }).then(async (d) => {
          const saved = await d.path().catch(() => null);
          return saved && readFileSync(saved).subarray(0, 5).toString() === '%PDF-' ? `saved as ${d.suggestedFilename()}` : '';
        });
        const navigated = page.waitForURL(href, { timeout: 10_000 }).then(() => `opened at ${decodeURIComponent(page.url().split('/').pop())}`);
        await page.locator('#attachments a').first().click({ noWaitAfter: true });
        const how = await Promise.any([downloaded, navigated]).catch(() => '');
        check(how !== '', `${width} px: clicking the 附件 link on ${rel} opens the PDF from file:// (${how})`);
      }

      // 4. The unit page.
      await page.goto(url(fixture, 'units/example/index.html'));
      const unit = await page.locator('main').innerText();
      check(/联系方式[\s\S]*010-66181234[\s\S]*czbz@example\.gov\.cn/.test(unit), `${width} px: the unit page shows 联系方式`);

      // 5. The demo: nothing that is not set.
      await page.goto(url(demo, 'units/baizhifang/2020/tracking/index.html'));
      check((await page.locator('footer .site-ids, footer img').count()) === 0, `${width} px: demo: no footer identifiers when none is set`);
      const demoPairs = await page.locator('section.gov-meta dl > div').evaluateAll((ds) => ds.map((d) => d.innerText.replace(/\s+/g, '')));
      check(JSON.stringify(demoPairs) === JSON.stringify(['发布机构北京市西城区人民政府白纸坊街道办事处']), `${width} px: demo: the block holds 发布机构 alone`, JSON.stringify(demoPairs));
      await page.goto(url(demo, 'units/baizhifang/index.html'));
      check(!(await page.locator('main').innerText()).includes('联系方式'), `${width} px: demo: no 联系方式 on the unit page`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
