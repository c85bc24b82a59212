// The workbench as a user drives it: keyboard and mouse only, reading what is on screen.
// Selectors are VS Code's own class names (stable across releases: the smoke tests use them).
//
// Two waits here exist because of known races in a freshly started workbench (see the
// comments at `openQuickFixMenu` and `problemRows`); every other wait is for a state the
// user would also wait for, and ends in an assertion in the test, never in a retry.
import type { FrameLocator, Locator, Page } from 'playwright-core';

export type SquiggleSeverity = 'error' | 'warning' | 'info' | 'hint';

export class Workbench {
  constructor(readonly page: Page) {}

  get editor(): Locator {
    return this.page.locator('.part.editor .editor-instance .monaco-editor').first();
  }

  /** Waits until the workbench has restored the folder and shows the Explorer. */
  async ready(timeoutMs = 120_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    await this.page.locator('.explorer-folders-view').waitFor({ timeout: timeoutMs });
  }

  /** Quick Open (Ctrl+P), the file's workspace-relative path, Enter; waits for its editor tab. */
  async openFile(relativePath: string): Promise<void> {
    const name = relativePath.split('/').pop() as string;
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(relativePath);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor();
    await this.editor.locator('.view-lines').waitFor();
  }

  /** Go to Line (Ctrl+G) with 1-based line and column, as the user types them. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    // The box opens with ':' (Go to Line mode in Quick Open); filling must keep it.
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    // A key pressed before the box closes would go to the box, not the editor.
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /**
   * The squiggle on the cursor's line: Monaco draws each line's decorations in one
   * overlay row, the same row that holds the current-line highlight.
   */
  squiggleOnCursorLine(severity: SquiggleSeverity): Locator {
    return this.editor.locator(`.view-overlays > div:has(.current-line) .squiggly-${severity}`).first();
  }

  /**
   * The text of the editor's visible lines, top to bottom. Monaco reuses line elements, so
   * their order in the DOM is not the order on screen: each is placed by its `top`.
   */
  async visibleText(): Promise<string> {
    const lines = await this.editor.locator('.view-lines > .view-line').evaluateAll((elements) =>
      elements.map((element) => ({
        top: Number.parseFloat((element as { style: { top: string } }).style.top),
        text: (element as { textContent: string | null }).textContent ?? '',
      })),
    );
    return lines
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text.replace(/\u00a0/g, ' '))
      .join('\n');
  }

  /** Rests the mouse on the middle of an element, as a user does to read its hover. */
  async hoverOver(target: Locator): Promise<Locator> {
    const box = await target.boundingBox();
    if (!box) throw new Error('the element to hover over is not on screen');
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 2);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = this.page.locator('.monaco-hover:not(.hidden)').first();
    await hover.waitFor();
    return hover;
  }

  async dismissHover(): Promise<void> {
    await this.page.mouse.move(5, 5);
    await this.page.keyboard.press('Escape');
    await this.page.locator('.monaco-hover:not(.hidden)').waitFor({ state: 'hidden' });
  }

  /**
   * Ctrl+. and the code-action menu's rows. The first Ctrl+. after a fresh start sometimes
   * opens nothing while the editor is still wiring up its providers (a known race): the
   * key is pressed again until the menu shows, at most `attempts` times.
   */
  async openQuickFixMenu(attempts = 5): Promise<Locator> {
    const menu = this.page.locator('.action-widget:not(.action-list-submenu-panel)');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        await menu.locator('.monaco-list-row.action').first().waitFor({ timeout: 5_000 });
        return menu;
      } catch (error) {
        if (attempt === attempts) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** The titles of the menu's actions, top to bottom (group headers left out). */
  async menuTitles(menu: Locator): Promise<string[]> {
    const rows = menu.locator('.monaco-list-row.action');
    return (await rows.allInnerTexts()).map((text) => text.split('\n')[0].trim());
  }

  async openProblems(): Promise<Locator> {
    await this.page.keyboard.press('Control+Shift+M');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor();
    return panel;
  }

  /** Hides the panel (Ctrl+J), so the editor has the window's height again. */
  async closePanel(): Promise<void> {
    await this.page.keyboard.press('Control+J');
    await this.page.locator('.part.panel').waitFor({ state: 'hidden' });
  }

  /**
   * Problems-panel rows that mention `text`. The panel refreshes some time after the
   * diagnostics change (a known delay), so callers poll this rather than read it once.
   */
  problemRows(text: string): Locator {
    return this.page.locator('.markers-panel .monaco-list-row', { hasText: text });
  }

  /**
   * How far down the hover's box a link ends, next to the box's height: the box scrolls what
   * does not fit, and what is below its fold is easily missed. (VS Code's own parts come first,
   * the diagnostic's message and related locations; a type hover may follow the card.)
   */
  async hoverFit(hover: Locator, cardTitle: string, linkText: string): Promise<{ boxHeight: number; linkBottom: number; cardHeight: number }> {
    const box = await hover.boundingBox();
    const card = await hover.locator('.hover-contents', { hasText: cardTitle }).first().boundingBox();
    const link = await hover.locator('a', { hasText: linkText }).first().boundingBox();
    if (!box || !card || !link) throw new Error('the hover, its card or its link is not on screen');
    return { boxHeight: Math.round(box.height), linkBottom: Math.round(link.y + link.height - box.y), cardHeight: Math.round(card.height) };
  }

  /** Preferences: Color Theme (Ctrl+K Ctrl+T), the theme's name, Enter: as a user switches themes. */
  async selectColorTheme(theme: string, themeClass: 'vs' | 'vs-dark' | 'hc-black' | 'hc-light'): Promise<void> {
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+T');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(theme);
    // Enter takes the focused row, which follows the filter only once the list has caught up.
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: theme }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.page.locator(`.monaco-workbench.${themeClass}`).waitFor();
  }

  /** Clicks a link in the hover, as a user does to follow it. */
  async clickHoverLink(hover: Locator, linkText: string): Promise<void> {
    await hover.locator('a', { hasText: linkText }).first().click();
  }

  /**
   * The page of the open webview: VS Code nests the extension's page in an inner frame of
   * the webview's own frame. There is one webview at a time in these journeys.
   */
  webviewPage(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** Closes an editor tab by its close button, as a user does with the mouse. */
  async closeTab(label: string): Promise<void> {
    const tab = this.page.locator('.tab', { hasText: label }).first();
    await tab.hover();
    await tab.locator('.tab-actions .action-label').first().click();
    await tab.waitFor({ state: 'detached' });
  }

  /** A screenshot of the editor area (with any hover or menu on it) for the README. */
  async screenshotEditor(file: string): Promise<void> {
    const box = await this.page.locator('.part.editor').boundingBox();
    if (!box) throw new Error('the editor area is not on screen');
    await this.page.screenshot({ path: file, clip: box });
  }
}
