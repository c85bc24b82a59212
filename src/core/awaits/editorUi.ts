// Awaits that open something in VS Code's editor: a document shown in a tab, a command
// (`vscode.diff`, `vscode.open`) that opens one. Opened one by one, the tabs keep their
// order and the last one keeps the focus; opened together, they race for both. A
// document opened to be shown belongs to the same story. Recognised by the import of
// `vscode`, so it works where the extension's types are not installed.
import { SyntaxKind, type CallExpression } from 'ts-morph';
import { WeakCache } from '../analysisCaches';
import { resolveCallee } from '../importedNames';
import { descendantsOfKind } from '../syntaxDescendants';
import { enclosingFunction } from './orderedSections';

const SHOWS_IN_EDITOR = /^(window\.(showTextDocument|showNotebookDocument)|commands\.executeCommand)$/;
const OPENS_DOCUMENT = /^workspace\.(openTextDocument|openNotebookDocument)$/;

// Per function. Depends on: its file's text (the calls in it and the file's imports).
const showingFunctions = new WeakCache<object, boolean>();

/** `window.showTextDocument(doc)`, `commands.executeCommand('vscode.diff', …)`. */
export function showsInEditor(call: CallExpression): boolean {
  const resolved = resolveCallee(call.getExpression());
  return resolved?.module === 'vscode' && SHOWS_IN_EDITOR.test(resolved.path);
}

/** `workspace.openTextDocument(uri)` in a function that also shows documents in the editor. */
export function opensDocumentToShow(call: CallExpression): boolean {
  const resolved = resolveCallee(call.getExpression());
  if (resolved?.module !== 'vscode' || !OPENS_DOCUMENT.test(resolved.path)) return false;
  const fn = enclosingFunction(call);
  return showingFunctions.get(fn.compilerNode, () => descendantsOfKind(fn, SyntaxKind.CallExpression).some(showsInEditor));
}

/** Either of the above: an await that is part of opening the editor's tabs. */
export function opensInEditor(call: CallExpression): boolean {
  return showsInEditor(call) || opensDocumentToShow(call);
}
