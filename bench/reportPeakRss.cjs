// Preloaded into every measured child (`node --require`): on exit it writes the process's
// peak resident set size, in kilobytes, to the file named by KITCHEN_SYNC_BENCH_RSS_FILE.
// The same probe in every tool, so their numbers compare.
'use strict';
const fs = require('node:fs');

const target = process.env.KITCHEN_SYNC_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
