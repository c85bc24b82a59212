// The UI suite: a user's path through one finding of each rule family, in the real
// workbench (code-server, headless Chromium) with the packaged extension installed:
// the squiggle is there, hovering shows the card, Ctrl+. offers the fix first, choosing
// it changes the text, and the Problems panel follows. Screenshots go to the folder the runner
// names (media/ for `npm run screenshots`).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { CodeServer } from '../../../scripts/e2e/codeServer.mjs' with { 'resolution-mode': 'import' };
import * as assert from '../support/countedAssert';
import { journeys } from './journeys';
import { Workbench } from './workbench';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the UI suite through "npm run test:e2e"`);
  return value;
}

/** The launch scripts are ES modules shared with the Electron-style launcher; this suite is CommonJS. */
const harness = Promise.all([
  import('../../../scripts/e2e/browser.mjs'),
  import('../../../scripts/e2e/codeServer.mjs'),
  import('../../../scripts/e2e/paths.mjs'),
]).then(([browser, codeServer, paths]) => ({ ...browser, ...codeServer, ...paths }));

/** Polls `probe` until it holds or `timeoutMs` passes; the caller asserts the final state. */
async function eventually(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
}

describe('Kitchen Sync in the workbench', function () {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: Workbench;
  let failureDir: string;
  let mediaDir: string;
  let closing = false;

  before(async function () {
    this.timeout(240_000);
    const { createProfile, launchChromium, startCodeServer, workbenchUrl } = await harness;
    // Not media/ itself: a test run never rewrites tracked files (`npm run screenshots` does, on purpose).
    mediaDir = requiredEnv('KITCHEN_SYNC_E2E_SCREENSHOTS');
    fs.mkdirSync(mediaDir, { recursive: true });
    const profileRoot = process.env.KITCHEN_SYNC_E2E_PROFILE ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kitchen-sync-ui-'));
    failureDir = path.join(profileRoot, 'failures');
    const profile = createProfile(profileRoot, {
      extensionsDir: requiredEnv('KITCHEN_SYNC_E2E_EXTENSIONS_DIR'),
      // Hovers open quickly and below the line, where the card has room; no minimap over the
      // code in the screenshots. Everything else is VS Code's default.
      settings: { 'editor.hover.delay': 150, 'editor.hover.above': false, 'editor.minimap.enabled': false, 'workbench.colorTheme': 'Default Light Modern' },
    });
    server = await startCodeServer(profile);
    browser = await launchChromium();
    browser.on('disconnected', () => {
      if (!closing) console.error('    Chromium exited before the suite ended (a crash, or a signal from outside)');
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(60_000);
    await page.goto(workbenchUrl(server, { folder: requiredEnv('KITCHEN_SYNC_E2E_WORKSPACE') }), { waitUntil: 'domcontentloaded', timeout: 120_000 });
    workbench = new Workbench(page);
    await workbench.ready();
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !workbench) return;
    fs.mkdirSync(failureDir, { recursive: true });
    const file = path.join(failureDir, `${this.currentTest.title.replace(/[^\w-]+/g, '-')}.png`);
    await workbench.page.screenshot({ path: file }).catch(() => undefined);
    console.error(`    screenshot of the failure: ${file}`);
    if (server) console.error(`    --- code-server log (tail) ---\n${server.log().split('\n').slice(-40).join('\n')}`);
  });

  after(async function () {
    this.timeout(30_000);
    const { closeBrowser } = await harness;
    closing = true;
    if (browser) await closeBrowser(browser);
    if (server) await server.stop();
  });

  for (const journey of journeys) {
    it(`${journey.family}: ${journey.ruleId} from squiggle to fix`, async function () {
      const { page } = workbench;
      await workbench.openFile(journey.file);
      await workbench.goTo(journey.line, journey.column);

      // The squiggle, on the line the finding is on.
      const squiggle = workbench.squiggleOnCursorLine(journey.severity);
      await squiggle.waitFor({ timeout: 90_000 });
      assert.ok(await squiggle.isVisible(), `a ${journey.severity} squiggle on line ${journey.line}`);
      if (journey.screenshots) await workbench.screenshotEditor(path.join(mediaDir, journey.screenshots.squiggle));

      // Hovering it shows the card: the analogy, the user's own names, the rule's docs link.
      const hover = await workbench.hoverOver(squiggle);
      const card = hover.locator('.hover-contents', { hasText: journey.cardText[0] });
      await card.first().waitFor();
      const cardText = await hover.innerText();
      for (const text of journey.cardText) assert.ok(cardText.includes(text), `the card says "${text}":\n${cardText}`);
      const docsLink = hover.locator(`a[href*="${journey.ruleId}"], a[data-href*="${journey.ruleId}"]`);
      assert.ok((await docsLink.count()) > 0, `the hover links to the ${journey.ruleId} docs`);
      if (journey.screenshots) await workbench.screenshotEditor(path.join(mediaDir, journey.screenshots.hover));
      await workbench.dismissHover();

      // The Problems panel lists it.
      await workbench.openProblems();
      await workbench.problemRows(journey.problemText).first().waitFor();
      const rowsBefore = await workbench.problemRows(journey.problemText).count();
      assert.ok(rowsBefore >= 1, `the Problems panel lists "${journey.problemText}"`);
      await workbench.goTo(journey.line, journey.column);

      // Ctrl+. lists the preferred fix first; Enter applies it.
      const menu = await workbench.openQuickFixMenu();
      const titles = await workbench.menuTitles(menu);
      assert.equal(titles[0], journey.fixTitle, `the first action of ${JSON.stringify(titles)}`);
      if (journey.screenshots) await workbench.screenshotEditor(path.join(mediaDir, journey.screenshots.quickFix));
      await page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden' });

      // The text changed as the fix says, and the finding left the Problems panel.
      await eventually(async () => (await workbench.visibleText()).includes(journey.textAfterFix), 30_000);
      const text = await workbench.visibleText();
      assert.ok(text.includes(journey.textAfterFix), `after the fix the editor shows "${journey.textAfterFix}":\n${text}`);
      for (const gone of journey.textGoneAfterFix) assert.ok(!text.includes(gone), `after the fix "${gone}" is gone:\n${text}`);
      // The Problems panel refreshes some time after the diagnostics change (a known delay).
      await eventually(async () => (await workbench.problemRows(journey.problemText).count()) < rowsBefore, 60_000);
      assert.equal(await workbench.problemRows(journey.problemText).count(), rowsBefore - 1, 'the Problems panel dropped the fixed finding');

      // Leave the file as it was for the next journey.
      await page.keyboard.press('Control+Z');
    });
  }
});
