// Runs one tool as a child process and measures it from the outside: wall time from spawn
// to exit, and the peak RSS the child reports through reportPeakRss.cjs.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ProcessMeasurement {
  wallMs: number;
  /** Peak resident set size in MiB, or undefined when the child died before reporting it. */
  peakRssMb?: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

const RSS_PROBE = path.join(__dirname, 'reportPeakRss.cjs');

/** `node <script> <args>` in `cwd`, with the RSS probe preloaded. */
export function measureNode(script: string, args: readonly string[], cwd: string): Promise<ProcessMeasurement> {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kitchen-sync-rss-')), 'maxrss');
  const env = { ...process.env, KITCHEN_SYNC_BENCH_RSS_FILE: rssFile, NO_COLOR: '1', FORCE_COLOR: '0' };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', RSS_PROBE, script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const wallMs = performance.now() - started;
      const kilobytes = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) : undefined;
      fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
      resolve({
        wallMs,
        peakRssMb: kilobytes === undefined ? undefined : kilobytes / 1024,
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}
