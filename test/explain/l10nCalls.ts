// Finds every `l10n.t(...)` (and `vscode.l10n.t(...)`) call in the sources with the
// TypeScript AST, so the bundle tests know exactly which English strings need a translation.
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
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  project.addSourceFilesAtPaths([path.join(REPO_ROOT, folder, '**/*.ts'), path.join(REPO_ROOT, folder, '**/*.tsx')]);
  const calls: L10nCall[] = [];
  for (const sourceFile of project.getSourceFiles()) {
    sourceFile.forEachDescendant((node) => {
      if (!Node.isCallExpression(node)) return;
      const callee = node.getExpression();
      if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 't') return;
      const owner = callee.getExpression();
      const ownerName = Node.isPropertyAccessExpression(owner) ? owner.getName() : owner.getText();
      if (ownerName !== 'l10n') return;
      const first = node.getArguments()[0];
      const message = first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) ? first.getLiteralValue() : undefined;
      calls.push({ message, location: `${path.relative(REPO_ROOT, sourceFile.getFilePath()).split(path.sep).join('/')}:${node.getStartLineNumber()}` });
    });
  }
  return calls;
}
