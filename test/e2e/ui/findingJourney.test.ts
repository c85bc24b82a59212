// The UI suite: a user's path through one finding of each rule family, in the real
// workbench (code-server, headless Chromium) with the packaged extension installed:
// the squiggle is there, hovering shows the card's first layer within the hover's box, its
// link opens the whole card in the Kitchen view, Ctrl+. offers the fix first, choosing it
// changes the text, and the Problems panel follows. Screenshots go to the folder the runner
// names (media/ for `npm run screenshots`).
import * as path from 'node:path';
import * as assert from '../support/countedAssert';
import { journeys } from './journeys';
import { openUiSession, reportFailure, screenshotsDir, type UiSession } from './uiSession';
import type { Workbench } from './workbench';

/** The hover's link to the whole card. */
const OPEN_CARD = 'Open the whole card';
/** VS Code's hover box shows about this much before it scrolls: the diagnostic and the card's first layer must fit. */
const HOVER_BOX_PX = 250;

/** Polls `probe` until it holds or `timeoutMs` passes; the caller asserts the final state. */
async function eventually(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
}

describe('Kitchen Sync in the workbench', function () {
  let session: UiSession | undefined;
  let workbench: Workbench;
  let mediaDir: string;

  before(async function () {
    this.timeout(240_000);
    mediaDir = screenshotsDir();
    session = await openUiSession('en');
    workbench = session.workbench;
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await reportFailure(session, this.currentTest.title);
  });

  after(async function () {
    this.timeout(30_000);
    await session?.close();
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

      // Hovering it shows the card's first layer: the analogy, the user's own names, the fix,
      // and links to the whole card and the rule's docs, all inside the hover's box.
      const hover = await workbench.hoverOver(squiggle);
      const card = hover.locator('.hover-contents', { hasText: journey.cardText[0] });
      await card.first().waitFor();
      const cardText = await hover.innerText();
      for (const text of journey.cardText) assert.ok(cardText.includes(text), `the card says "${text}":\n${cardText}`);
      const docsLink = hover.locator(`a[href*="${journey.ruleId}"], a[data-href*="${journey.ruleId}"]`);
      assert.ok((await docsLink.count()) > 0, `the hover links to the ${journey.ruleId} docs`);
      const fit = await workbench.hoverFit(hover, journey.cardTitle, OPEN_CARD);
      console.log(`      hover: "${OPEN_CARD}" ends ${fit.linkBottom} px down a box of ${fit.boxHeight} px (the card takes ${fit.cardHeight} px)`);
      assert.ok(
        fit.linkBottom <= Math.min(fit.boxHeight, HOVER_BOX_PX),
        `everything up to "${OPEN_CARD}" shows without scrolling, within ${HOVER_BOX_PX} px: it ends ${fit.linkBottom} px down a box of ${fit.boxHeight} px`,
      );
      if (journey.screenshots) await workbench.screenshotEditor(path.join(mediaDir, journey.screenshots.hover));

      // Its link opens the whole card in the Kitchen view, beside the code.
      await workbench.clickHoverLink(hover, OPEN_CARD);
      const kitchenView = workbench.webviewPage();
      await kitchenView.locator('h3', { hasText: journey.cardTitle }).waitFor();
      const wholeCard = await kitchenView.locator('main').innerText();
      assert.ok(wholeCard.includes(journey.wholeCardText), `the whole card says "${journey.wholeCardText}":\n${wholeCard}`);
      if (journey.drawingTitle) {
        // The picture is drawn, not typed: an SVG the page lays out at a real size, with the
        // user's calls (the waterfall) or tasks (the schedule) as its title.
        const drawing = kitchenView.locator('figure.ks-drawing svg[role="img"]');
        const title = await drawing.locator('title').first().textContent();
        assert.ok(title?.startsWith(journey.drawingTitle), `the drawing's title: ${title}`);
        const box = await drawing.first().boundingBox();
        assert.ok(!!box && box.width > 300 && box.height > 100, `the drawing is laid out: ${JSON.stringify(box)}`);
        assert.ok((await drawing.locator('rect').count()) >= 4, 'a bar or a box for each call or step');
      }
      await workbench.dismissHover();
      if (journey.screenshots) await workbench.screenshotEditor(path.join(mediaDir, journey.screenshots.kitchenView));
      await workbench.closeTab(journey.cardTitle);

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

      // Leave the file and the workbench as they were for the next journey.
      await page.keyboard.press('Control+Z');
      await workbench.closePanel();
    });
  }

  it('shows the Kitchen view in the colours of a dark theme', async function () {
    // The last journey's file is still open; switching themes leaves the editor as it was.
    const journey = journeys[journeys.length - 1];
    await workbench.selectColorTheme('Dark Modern', 'vs-dark');
    await workbench.goTo(journey.line, journey.column);
    const squiggle = workbench.squiggleOnCursorLine(journey.severity);
    await squiggle.waitFor({ timeout: 90_000 });
    const hover = await workbench.hoverOver(squiggle);
    await workbench.clickHoverLink(hover, OPEN_CARD);
    const kitchenView = workbench.webviewPage();
    await kitchenView.locator('h3', { hasText: journey.cardTitle }).waitFor();
    await workbench.dismissHover();
    const background = await kitchenView
      .locator('body')
      .evaluate(
        (body) => (globalThis as unknown as { getComputedStyle(element: unknown): { backgroundColor: string } }).getComputedStyle(body).backgroundColor,
      );
    const [red, green, blue] = (background.match(/\d+/g) ?? []).map(Number);
    assert.ok(0.2126 * red + 0.7152 * green + 0.0722 * blue < 64, `a dark background, not ${background}`);
    await workbench.screenshotEditor(path.join(mediaDir, 'kitchen-view-dark.png'));
    await workbench.closeTab(journey.cardTitle);
  });
});
