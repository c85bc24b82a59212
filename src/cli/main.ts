// Entry point of the `kitchen-sync` bin (bundled to dist/cli.js).
import { runCli } from './runCli';

// exitCode rather than exit(), so a large report piped to another program is flushed first.
process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
