// A workbench to drive: code-server with the packaged extension installed in a fresh profile,
// and headless Chromium on it, as `npm run test:e2e` prepared them. Each UI test file opens
// its own session, so a file can ask for another display language.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { CodeServer } from '../../../scripts/e2e/codeServer.mjs' with { 'resolution-mode': 'import' };
import { Workbench } from './workbench';

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the UI suite through "npm run test:e2e"`);
  return value;
}

/** The launch scripts are ES modules shared with the Electron-style launcher; this suite is CommonJS. */
const harness = Promise.all([
  import('../../../scripts/e2e/browser.mjs'),
  import('../../../scripts/e2e/codeServer.mjs'),
  import('../../../scripts/e2e/languagePack.mjs'),
  import('../../../scripts/e2e/paths.mjs'),
]).then(([browser, codeServer, languagePack, paths]) => ({ ...browser, ...codeServer, ...languagePack, ...paths }));

export interface UiSession {
  workbench: Workbench;
  /** The session's own folder: its profile, and screenshots of failures. */
  root: string;
  /** The tail of code-server's log, for a failure report. */
  log(): string;
  close(): Promise<void>;
}

/** Starts code-server and Chromium and waits for the workbench to show the examples folder. */
export async function openUiSession(name: string, { locale }: { locale?: 'ja' } = {}): Promise<UiSession> {
  const { addLanguagePack, closeBrowser, createProfile, launchChromium, startCodeServer, workbenchUrl } = await harness;
  const root = path.join(process.env.KITCHEN_SYNC_E2E_PROFILE ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kitchen-sync-ui-')), name);
  const profile = createProfile(root, {
    extensionsDir: requiredEnv('KITCHEN_SYNC_E2E_EXTENSIONS_DIR'),
    // Hovers open quickly and below the line, where the card has room; no minimap over the
    // code in the screenshots. Everything else is VS Code's default.
    settings: { 'editor.hover.delay': 150, 'editor.hover.above': false, 'editor.minimap.enabled': false, 'workbench.colorTheme': 'Default Light Modern' },
  });
  // The display language the extension host runs in, as in the extension-host suite.
  if (locale === 'ja') addLanguagePack(profile.userDataDir, { languageId: 'ja', languageName: 'Japanese', localizedLanguageName: '日本語' });
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let closing = false;
  const close = async () => {
    closing = true;
    if (browser) await closeBrowser(browser);
    if (server) await server.stop();
  };
  try {
    server = await startCodeServer(profile, { locale });
    browser = await launchChromium();
    browser.on('disconnected', () => {
      if (!closing) console.error('    Chromium exited before the suite ended (a crash, or a signal from outside)');
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(60_000);
    await page.goto(workbenchUrl(server, { folder: requiredEnv('KITCHEN_SYNC_E2E_WORKSPACE') }), { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const workbench = new Workbench(page);
    await workbench.ready();
    const started = server;
    return { workbench, root, log: () => started.log().split('\n').slice(-40).join('\n'), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A screenshot of the page and the tail of code-server's log, for a test that failed. */
export async function reportFailure(session: UiSession, testTitle: string): Promise<void> {
  const failureDir = path.join(session.root, 'failures');
  fs.mkdirSync(failureDir, { recursive: true });
  const file = path.join(failureDir, `${testTitle.replace(/[^\w-]+/g, '-')}.png`);
  await session.workbench.page.screenshot({ path: file }).catch(() => undefined);
  console.error(`    screenshot of the failure: ${file}`);
  console.error(`    --- code-server log (tail) ---\n${session.log()}`);
}

/** Where screenshots go: not media/ itself, so a test run never rewrites tracked files (`npm run screenshots` does, on purpose). */
export function screenshotsDir(): string {
  const dir = requiredEnv('KITCHEN_SYNC_E2E_SCREENSHOTS');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
