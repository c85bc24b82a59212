// The card in a workbench whose display language is Japanese: Japanese lines are taller and
// wrap differently, so the hover's first layer must fit its box in Japanese too.
import * as path from 'node:path';
import * as assert from '../support/countedAssert';
import { journeys } from './journeys';
import { openUiSession, reportFailure, screenshotsDir, type UiSession } from './uiSession';

const TITLE = 'この await は、並行に待てます';
const OPEN_CARD = 'カード全体を開く';
/** VS Code's hover box shows about this much before it scrolls. */
const HOVER_BOX_PX = 250;

describe('Kitchen Sync in a Japanese workbench', function () {
  let session: UiSession | undefined;
  let mediaDir: string;

  before(async function () {
    this.timeout(240_000);
    mediaDir = screenshotsDir();
    session = await openUiSession('ja', { locale: 'ja' });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await reportFailure(session, this.currentTest.title);
  });

  after(async function () {
    this.timeout(30_000);
    await session?.close();
  });

  it('fits the Japanese hover in its box and opens the whole card in Japanese', async function () {
    const { workbench } = session as UiSession;
    const [journey] = journeys;
    await workbench.openFile(journey.file);
    await workbench.goTo(journey.line, journey.column);
    const squiggle = workbench.squiggleOnCursorLine(journey.severity);
    await squiggle.waitFor({ timeout: 90_000 });
    const hover = await workbench.hoverOver(squiggle);
    await hover.locator('.hover-contents', { hasText: 'できるコックさんは' }).first().waitFor();
    const fit = await workbench.hoverFit(hover, TITLE, OPEN_CARD);
    console.log(`      hover: "${OPEN_CARD}" ends ${fit.linkBottom} px down a box of ${fit.boxHeight} px (the card takes ${fit.cardHeight} px)`);
    assert.ok(
      fit.linkBottom <= Math.min(fit.boxHeight, HOVER_BOX_PX),
      `everything up to "${OPEN_CARD}" shows without scrolling, within ${HOVER_BOX_PX} px: it ends ${fit.linkBottom} px down a box of ${fit.boxHeight} px`,
    );
    await workbench.screenshotEditor(path.join(mediaDir, 'hover-card-ja.png'));

    await workbench.clickHoverLink(hover, OPEN_CARD);
    const kitchenView = workbench.webviewPage();
    await kitchenView.locator('h3', { hasText: TITLE }).waitFor();
    const wholeCard = await kitchenView.locator('main').innerText();
    assert.ok(wholeCard.includes('書き換える前に'), `the whole card keeps its caveats, in Japanese:\n${wholeCard}`);
    await workbench.dismissHover();
    await workbench.screenshotEditor(path.join(mediaDir, 'kitchen-view-ja.png'));
  });
});
