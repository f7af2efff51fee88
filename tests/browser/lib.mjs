// What the browser tests share: the assertion counter and the list of a
// site's HTML files. (The older tests still carry their own copies.)

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/// Counts and prints assertions: `check(ok, description, detail)` prints one
/// line; `done()` prints "N passed, M failed" and exits 1 when any failed.
export function checker() {
  let passed = 0;
  let failed = 0;
  const check = (ok, description, detail = '') => {
    if (ok) passed += 1;
    else failed += 1;
    console.log(`${ok ? 'ok  ' : 'FAIL'} - ${description}${!ok && detail ? `\n       ${detail}` : ''}`);
    return ok;
  };
  const done = () => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  };
  return { check, done };
}

/// Every `.html` file below `dir`, sorted.
export function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...htmlFiles(p));
    else if (name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}
