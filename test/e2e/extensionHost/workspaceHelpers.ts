// What the extension-host tests do again and again: open a file of the examples workspace,
// wait for Kitchen Sync's diagnostics, read hovers and code actions, change a setting.
// Everything goes through the public `vscode` API, as another extension would.
import * as vscode from 'vscode';

/** `diagnostic.source` of every Kitchen Sync diagnostic. */
export const SOURCE = 'kitchen-sync';

/** A diagnostic reduced to what the tests compare: rule id, 0-based range, severity. */
export interface DiagnosticSummary {
  code: string;
  range: [startLine: number, startCharacter: number, endLine: number, endCharacter: number];
  severity: 'error' | 'warning' | 'info' | 'hint';
}

const SEVERITY_NAMES: Record<vscode.DiagnosticSeverity, DiagnosticSummary['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test run has no workspace folder: pass the examples folder to VS Code');
  return folder.uri;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

export function summarize(diagnostic: vscode.Diagnostic): DiagnosticSummary {
  const { start, end } = diagnostic.range;
  return {
    code: ruleIdOf(diagnostic),
    range: [start.line, start.character, end.line, end.character],
    severity: SEVERITY_NAMES[diagnostic.severity],
  };
}

/** Kitchen Sync's diagnostics for a file, in document order; other extensions' are left out. */
export function kitchenSyncDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start) || ruleIdOf(a).localeCompare(ruleIdOf(b)));
}

export function summaries(uri: vscode.Uri): DiagnosticSummary[] {
  return kitchenSyncDiagnostics(uri).map(summarize);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` until it returns something other than `undefined`, re-checking whenever
 * diagnostics change and at least every 100 ms. Throws with `what` after `timeoutMs`.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const listener = vscode.languages.onDidChangeDiagnostics(() => done());
      const timer = setTimeout(() => done(), 100);
      function done(): void {
        listener.dispose();
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

/**
 * Waits until the file's Kitchen Sync diagnostics equal `expected` and returns them; on
 * timeout returns what is there, so the caller's assertion shows the difference.
 */
export async function settledDiagnostics(uri: vscode.Uri, expected: DiagnosticSummary[], timeoutMs = 45_000): Promise<DiagnosticSummary[]> {
  const wanted = JSON.stringify(expected);
  try {
    return await waitFor(
      `diagnostics ${wanted} in ${uri.path}`,
      () => {
        const actual = summaries(uri);
        return JSON.stringify(actual) === wanted ? actual : undefined;
      },
      timeoutMs,
    );
  } catch {
    return summaries(uri);
  }
}

/**
 * Opens a file in an editor and waits until the server has published diagnostics for it
 * at least once (an empty list counts: that is a file with no findings).
 */
export async function openAndAnalyse(relativePath: string, timeoutMs = 60_000): Promise<vscode.TextEditor> {
  const uri = workspaceUri(relativePath);
  // A document the editor still holds was analysed when it was opened; opening it again sends nothing new.
  let published = vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
  const listener = vscode.languages.onDidChangeDiagnostics((event) => {
    if (event.uris.some((changed) => changed.toString() === uri.toString())) published = true;
  });
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    await waitFor(`the first diagnostics of ${relativePath}`, () => (published || kitchenSyncDiagnostics(uri).length > 0 ? true : undefined), timeoutMs);
    return editor;
  } finally {
    listener.dispose();
  }
}

/**
 * Opens one file of each project (each folder with a tsconfig.json) and waits for its first
 * diagnostics, so that no test pays for the server's start and the projects' load.
 */
export async function warmUp(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const tsconfig of await vscode.workspace.findFiles('**/tsconfig.json', '**/node_modules/**')) {
    const projectDir = vscode.workspace.asRelativePath(vscode.Uri.joinPath(tsconfig, '..'), false);
    const [first] = await vscode.workspace.findFiles(new vscode.RelativePattern(workspaceRoot(), `${projectDir}/**/*.ts`), '**/node_modules/**', 1);
    if (first) await openAndAnalyse(vscode.workspace.asRelativePath(first, false), Math.max(1_000, deadline - Date.now()));
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Undoes every unsaved change to the file, so the next test starts from the file on disk;
 * fails if the editor still differs from the disk afterwards.
 */
export async function revert(editor: vscode.TextEditor): Promise<void> {
  const { document } = editor;
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert', document.uri);
  const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
  await waitFor(`${document.uri.path} to be reverted`, () => (!document.isDirty && document.getText() === onDisk ? true : undefined), 15_000);
}

/** The Markdown of every hover at a position, joined: the built-in TypeScript hover is there too. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n\n');
}

/** The command and arguments of the hover's "Open the whole card" link, as VS Code would run them. */
export function openCardLink(hover: string): { command: string; args: unknown[] } {
  const match = /\]\(command:([\w.]+)\?([^)\s]+)\)/.exec(hover);
  if (!match) throw new Error(`the hover has no command link:\n${hover}`);
  return { command: match[1], args: JSON.parse(decodeURIComponent(match[2])) as unknown[] };
}

/** The labels of the open webview tabs: the Kitchen view's tab is titled by its card. */
export function webviewTabLabels(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview)
    .map((tab) => tab.label);
}

/** The code actions offered for a range, with their edits resolved. */
export async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, undefined, 100)) ?? [];
  return actions.filter((action): action is vscode.CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'));
}

/** Applies a code action's edit (and runs its command, if it has one), as choosing it in the editor does. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) {
    const applied = await vscode.workspace.applyEdit(action.edit);
    if (!applied) throw new Error(`the editor refused the edit of "${action.title}"`);
  }
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
}

/** Sets `kitchenSync.<key>` in the workspace's settings; `undefined` removes it. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('kitchenSync').update(key, value, vscode.ConfigurationTarget.Workspace);
}
