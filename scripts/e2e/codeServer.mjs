// One isolated code-server per test run: its own config, user data, extensions and
// XDG folders, a free port on the loopback interface, and its own process group,
// so that stopping it also ends the extension host, the file watcher and the
// language server it started.
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { codeServerEntry, nodeBinary } from './paths.mjs';

/** Settings a fresh profile starts with: no welcome page, no trust prompt, nothing that calls home. */
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  // The desktop default. In a browser VS Code saves every edit after a second, which would
  // write the suites' edits (applied fixes, inserted comments) into the workspace copy.
  'files.autoSave': 'off',
  // The remote extension host would otherwise scan for listening ports every few seconds.
  'remote.autoForwardPorts': false,
};

/**
 * Lays out a profile under `root`: config file, user data (with settings.json),
 * extensions and XDG folders. Explicit folders win, so a caller can reuse an
 * extensions folder that already has the `.vsix` installed.
 */
export function createProfile(root, { userDataDir, extensionsDir, settings = {} } = {}) {
  const profile = {
    root,
    configFile: path.join(root, 'config.yaml'),
    userDataDir: userDataDir ?? path.join(root, 'user-data'),
    extensionsDir: extensionsDir ?? path.join(root, 'extensions'),
    xdgConfigHome: path.join(root, 'xdg-config'),
    xdgDataHome: path.join(root, 'xdg-data'),
    logFile: path.join(root, 'code-server.log'),
  };
  for (const dir of [root, profile.userDataDir, profile.extensionsDir, profile.xdgConfigHome, profile.xdgDataHome]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(profile.configFile, 'cert: false\n');
  const settingsFile = path.join(profile.userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  const existing = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
  fs.writeFileSync(settingsFile, JSON.stringify({ ...quietSettings, ...existing, ...settings }, null, 2));
  return profile;
}

function profileArgs(profile) {
  return ['--config', profile.configFile, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

function profileEnv(profile) {
  return { ...process.env, XDG_CONFIG_HOME: profile.xdgConfigHome, XDG_DATA_HOME: profile.xdgDataHome };
}

/** Installs a `.vsix` into the profile's extensions folder and returns the folder it was unpacked into. */
export async function installExtension(profile, vsix) {
  const before = new Set(fs.readdirSync(profile.extensionsDir));
  await promisify(execFile)(nodeBinary, [codeServerEntry, ...profileArgs(profile), '--install-extension', vsix, '--force'], {
    env: profileEnv(profile),
    maxBuffer: 16 * 1024 * 1024,
  });
  const added = fs.readdirSync(profile.extensionsDir).filter((name) => !before.has(name) && fs.statSync(path.join(profile.extensionsDir, name)).isDirectory());
  if (added.length !== 1) throw new Error(`installing ${vsix} added ${added.length} folders to ${profile.extensionsDir}: ${added.join(', ')}`);
  return path.join(profile.extensionsDir, added[0]);
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Ends every process in the group: SIGTERM first so code-server can stop its
 * extension host, then SIGKILL for whatever is still there after `graceMs`.
 */
export async function killProcessGroup(pid, graceMs = 3000) {
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  signalGroup(pid, 'SIGKILL');
}

/** Process groups still running; killed synchronously if this process exits without stopping them. */
const liveGroups = new Set();
process.once('exit', () => {
  for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
});

/**
 * Starts code-server on a free port and resolves once `/healthz` answers.
 * `vscodeOptions` are passed through `--vscode-option` (for example `enable-smoke-test-driver`).
 * Workspace trust is off unless `workspaceTrust` asks for it (the Restricted Mode suite).
 */
export async function startCodeServer(profile, { locale, vscodeOptions = [], readyTimeoutMs = 60_000, workspaceTrust = false } = {}) {
  const port = await freePort();
  const args = [
    codeServerEntry,
    ...profileArgs(profile),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...(locale ? ['--locale', locale] : []),
    ...vscodeOptions.flatMap((option) => ['--vscode-option', option]),
  ];
  const logStream = fs.createWriteStream(profile.logFile);
  const child = spawn(nodeBinary, args, { env: profileEnv(profile), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  liveGroups.add(child.pid);
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });

  const origin = `http://127.0.0.1:${port}`;
  const server = {
    port,
    origin,
    pid: child.pid,
    profile,
    /** The server's output so far (it also receives the extension host's and language server's stderr). */
    log() {
      return fs.existsSync(profile.logFile) ? fs.readFileSync(profile.logFile, 'utf8') : '';
    },
    async stop() {
      await killProcessGroup(child.pid);
      liveGroups.delete(child.pid);
      await new Promise((resolve) => logStream.end(resolve));
    },
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) {
      await server.stop();
      throw new Error(`code-server exited (${exited.code ?? exited.signal}) before it was ready:\n${server.log()}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer ${origin}/healthz within ${readyTimeoutMs} ms:\n${server.log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The workbench URL for a folder, with an optional smoke-test payload (pairs of option and value). */
export function workbenchUrl(server, { folder, payload } = {}) {
  const query = new URLSearchParams();
  if (folder) query.set('folder', folder);
  if (payload) query.set('payload', JSON.stringify(payload));
  const search = query.toString();
  return `${server.origin}/${search ? `?${search}` : ''}`;
}

/** How a path on the server's machine is addressed from the workbench. */
export function remoteUri(server, absolutePath) {
  return `vscode-remote://127.0.0.1:${server.port}${absolutePath}`;
}
