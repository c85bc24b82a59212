// The Kitchen view: the whole card of one finding in an editor-side panel, opened from the
// hover's "Open the whole card" link, or from the command palette for the finding at the cursor. The hover keeps only what fits its small box; the
// timeline, the caveats and the worked fix live here. The server renders the card (the
// client never sees the analyzer); VS Code's Markdown engine turns it into HTML. One panel
// is reused, as the Markdown preview does, so opening cards one after another does not pile
// up tabs.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, Requests, type CardTarget, type WholeCard } from '../server/protocol';
import { kitchenViewHtml } from './kitchenViewHtml';

const VIEW_TYPE = 'kitchenSync.kitchenView';

export class KitchenView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** Shows the card of `target`, or of the finding at the cursor when the command palette gives none. */
  async show(target: CardTarget | undefined = targetAtCursor()): Promise<void> {
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no Kitchen Sync finding at the cursor.'));
      return;
    }
    const card = await this.client.sendRequest<WholeCard | null>(Requests.wholeCard, target);
    if (!card) {
      // The code changed since the hover was drawn, and the finding moved or went away.
      void vscode.window.showInformationMessage(vscode.l10n.t('Kitchen Sync no longer reports this finding. Hover it again to open its card.'));
      return;
    }
    const bodyHtml = await vscode.commands.executeCommand<string>('markdown.api.render', card.markdown);
    const panel = this.panel ?? this.createPanel();
    panel.title = card.title;
    panel.webview.html = kitchenViewHtml({
      title: card.title,
      bodyHtml,
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      language: vscode.env.language,
    });
    panel.reveal(vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'Kitchen Sync',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, localResourceRoots: [] },
    );
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    this.panel = panel;
    return panel;
  }
}

/** The first Kitchen Sync finding under the cursor of the active editor. */
function targetAtCursor(): CardTarget | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { uri } = editor.document;
  const diagnostic = vscode.languages
    .getDiagnostics(uri)
    .find((candidate) => candidate.source === DIAGNOSTIC_SOURCE && candidate.range.contains(editor.selection.active));
  // The rule id, which the diagnostic carries with a link to its documentation.
  const ruleId = typeof diagnostic?.code === 'object' ? diagnostic.code.value : diagnostic?.code;
  if (!diagnostic || ruleId === undefined) return undefined;
  return { uri: uri.toString(), ruleId: String(ruleId), line: diagnostic.range.start.line, character: diagnostic.range.start.character };
}
