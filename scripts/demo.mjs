// `npm run demo`: the CLI with explanation cards on examples/. The examples exist to have
// findings, so exit code 1 ("there are findings") counts as success here; 2 (bad usage)
// and anything else (a crash, a signal) still fail.
// Extra arguments pass through: `npm run demo -- --locale ja`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { status } = spawnSync(process.execPath, ['dist/cli.js', '--explain', 'examples', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(status === 1 ? 0 : (status ?? 1));
