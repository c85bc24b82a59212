// Runs the CLI on small workspaces written to a temp folder, with its own working folder and
// environment: in this process through `runCli` (the whole command, arguments to exit code,
// with its I/O passed in), and, for the few tests about the bundle users install, as the
// built dist/cli.js in a child process, the way a user or CI runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli as runCommand } from '../../src/cli/runCli';

export const REPO_ROOT = path.join(__dirname, '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

let built = false;

/** `npm run build`, once per test process, so every test runs the bundle users get. */
export function buildCliOnce(): void {
  if (built) return;
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'pipe' });
  built = true;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The test process's environment pinned to English and no colour, with `overrides` on
 * top; an `undefined` override removes the variable.
 */
export function pinnedEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', LC_ALL: undefined, LC_MESSAGES: undefined, NO_COLOR: '1', FORCE_COLOR: undefined, ...overrides };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/** Runs the command in this process, in `cwd` with `pinnedEnv(env)`, its output piped (no terminal). */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): CliRun {
  let stdout = '';
  let stderr = '';
  const status = runCommand(args, {
    cwd,
    env: pinnedEnv(env),
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { status, stdout, stderr };
}

/** Runs the built bundle, dist/cli.js, in a child process in `cwd` with `pinnedEnv(env)`; `buildCliOnce` first. */
export function runCliBinary(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: pinnedEnv(env), encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder with the given files; a string is written as UTF-8, a Buffer as is. */
export function workspace(files: Record<string, string | Buffer>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kitchen-sync-cli-')));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

export function removeWorkspace(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** A tsconfig.json that sees only the workspace's own files and the standard library. */
export const STRICT_TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: [], strict: true, noEmit: true },
});

/**
 * For a `describe` whose tests each write their own workspace: removes every workspace after
 * them. Returns the function that writes one.
 */
export function freshWorkspaces(): (files: Record<string, string | Buffer>) => string {
  const roots: string[] = [];
  after(() => roots.forEach(removeWorkspace));
  return (files) => {
    const root = workspace(files);
    roots.push(root);
    return root;
  };
}
