// Finds every `l10n.t(...)` (and `vscode.l10n.t(...)`) call in the sources with the
// TypeScript AST, and the core's `fixTitle`/`relatedMessage` calls whose templates reach
// `l10n.t` later, so the bundle tests know exactly which English strings need a translation.
import * as path from 'node:path';
import { Node, Project } from 'ts-morph';

export interface L10nCall {
  /** The English string, or undefined when the first argument is not a literal. */
  message: string | undefined;
  /** `src/explain/localize.ts:12`, for failure messages. */
  location: string;
}

export const REPO_ROOT = path.join(__dirname, '..', '..');

export function l10nCallsUnder(folder: string): L10nCall[] {
  return callsUnder(folder, (callee) => {
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 't') return false;
    const owner = callee.getExpression();
    return (Node.isPropertyAccessExpression(owner) ? owner.getName() : owner.getText()) === 'l10n';
  });
}

/** The core's `fixTitle(...)` and `relatedMessage(...)` calls: their templates are bundle keys too. */
export function templateCallsUnder(folder: string): L10nCall[] {
  return callsUnder(folder, (callee) => Node.isIdentifier(callee) && (callee.getText() === 'fixTitle' || callee.getText() === 'relatedMessage'));
}

function callsUnder(folder: string, isWanted: (callee: Node) => boolean): L10nCall[] {
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  project.addSourceFilesAtPaths([path.join(REPO_ROOT, folder, '**/*.ts'), path.join(REPO_ROOT, folder, '**/*.tsx')]);
  const calls: L10nCall[] = [];
  for (const sourceFile of project.getSourceFiles()) {
    sourceFile.forEachDescendant((node) => {
      if (!Node.isCallExpression(node) || !isWanted(node.getExpression())) return;
      const first = node.getArguments()[0];
      const message = first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) ? first.getLiteralValue() : undefined;
      calls.push({ message, location: `${path.relative(REPO_ROOT, sourceFile.getFilePath()).split(path.sep).join('/')}:${node.getStartLineNumber()}` });
    });
  }
  return calls;
}
