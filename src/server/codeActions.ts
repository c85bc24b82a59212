// Code actions in vscode-eslint's vocabulary: the rule's own fixes (the preferred one first),
// "fix all" for a rule, "disable for this line", "disable for the entire file", "show
// documentation", and a `source.fixAll.kitchen-sync` action for fix-all-on-save.
//
// Every edit of the document itself carries the version its findings were computed for,
// so the editor refuses it if the text has moved on since.
import * as l10n from '@vscode/l10n';
import {
  CreateFile,
  CodeActionKind,
  TextDocumentEdit,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { applyFixes, disableForFileFix, disableForLineFix, docsUrl, type Finding, type Fix } from '../core';
import { inLocale, localizedText, type Locale } from '../explain';
import type { FindingDiagnostic } from './findingDiagnostics';
import type { PublishedFindings } from './liveDiagnostics';
import { Commands, FIX_ALL_CODE_ACTION_KIND } from './protocol';

export interface CodeActionContext {
  uri: string;
  filePath: string;
  /** The document's current text; `findings.version` is its version. */
  text: string;
  findings: PublishedFindings;
  locale: Locale;
  /** Where another file is for the client, and its open version if it is open. */
  locate(filePath: string): { uri: string; version: number | null };
}

/** The quick fixes for the findings that touch `range`. */
export function quickFixes(context: CodeActionContext, range: Range): CodeAction[] {
  const here = context.findings.entries.filter((entry) => overlaps(entry.finding.range, range));
  if (here.length === 0) return [];
  return inLocale(context.locale, () => {
    const actions: CodeAction[] = [];
    // The findings of one group share one fix (one Promise.all for all of its awaits): offer it once, for all of them.
    const byFix = new Map<string, CodeAction>();
    for (const entry of here) {
      // A snippet fix (placeholders for the user to fill in) needs the client's snippet-edit
      // support, which LSP 3.17 clients do not announce; it is offered in the card instead.
      for (const fix of entry.finding.fixes.filter((f) => !f.snippet)) {
        const key = JSON.stringify([fix.title, fix.edits]);
        const same = byFix.get(key);
        if (same) {
          same.diagnostics?.push(entry.diagnostic);
          continue;
        }
        const action = editAction(context, localizedText(fix.titleTemplate, context.locale), [fix], [entry.diagnostic], fix.isPreferred);
        byFix.set(key, action);
        actions.push(action);
      }
    }
    for (const ruleId of new Set(here.map((entry) => entry.finding.ruleId))) {
      const ofRule = here.filter((entry) => entry.finding.ruleId === ruleId);
      const fixAll = fixAllForRule(context, ruleId);
      if (fixAll) actions.push(fixAll);
      const lines = new Set<number>();
      for (const entry of ofRule) {
        if (lines.has(entry.finding.range.start.line)) continue;
        lines.add(entry.finding.range.start.line);
        const onLine = ofRule.filter((other) => other.finding.range.start.line === entry.finding.range.start.line);
        const fix = disableForLineFix(context.text, entry.finding);
        actions.push(editAction(context, localizedText(fix.titleTemplate, context.locale), [fix], onLine.map(diagnosticOf)));
      }
      const fileFix = disableForFileFix(context.text, ofRule[0].finding);
      actions.push(editAction(context, localizedText(fileFix.titleTemplate, context.locale), [fileFix], ofRule.map(diagnosticOf)));
      actions.push({
        title: l10n.t('Show documentation for {0}', ruleId),
        kind: CodeActionKind.QuickFix,
        diagnostics: ofRule.map(diagnosticOf),
        command: { title: l10n.t('Show documentation for {0}', ruleId), command: Commands.showRuleDocumentation, arguments: [docsUrl(ruleId)] },
      });
    }
    return actions;
  });
}

/**
 * "Fix all <rule> problems in file": every preferred fix of the rule that does not overlap
 * one taken before it, as `applyFixes` (and so `--fix`) decides. Offered only when there is
 * more than one, since otherwise it is the single fix again.
 */
function fixAllForRule(context: CodeActionContext, ruleId: string): CodeAction | undefined {
  const entries = context.findings.entries.filter((entry) => entry.finding.ruleId === ruleId && preferredFix(entry.finding));
  if (entries.length < 2) return undefined;
  const { applied } = applyFixes(
    context.text,
    context.filePath,
    entries.map((entry) => preferredFix(entry.finding) as Fix),
  );
  if (applied.length < 2) return undefined;
  return editAction(context, l10n.t('Fix all {0} problems in file', ruleId), applied, entries.map(diagnosticOf));
}

/** The `source.fixAll.kitchen-sync` action: every preferred fix in the file that applies cleanly. */
export function fixAllSourceAction(context: CodeActionContext): CodeAction | undefined {
  const fixes = context.findings.entries.map((entry) => preferredFix(entry.finding)).filter((fix): fix is Fix => !!fix);
  const { applied } = applyFixes(context.text, context.filePath, fixes);
  if (applied.length === 0) return undefined;
  return {
    title: inLocale(context.locale, () => l10n.t('Fix all auto-fixable Kitchen Sync problems')),
    kind: FIX_ALL_CODE_ACTION_KIND,
    edit: workspaceEdit(context, applied),
  };
}

/** Whether a code action request's `only` filter lets actions of `kind` through. */
export function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

function editAction(context: CodeActionContext, title: string, fixes: readonly Fix[], diagnostics: Diagnostic[], isPreferred = false): CodeAction {
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics, edit: workspaceEdit(context, fixes) };
  if (isPreferred) action.isPreferred = true;
  return action;
}

function workspaceEdit(context: CodeActionContext, fixes: readonly Fix[]): WorkspaceEdit {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fixes.flatMap((fix) => fix.edits)) {
    const edits = byFile.get(edit.file) ?? [];
    edits.push({ range: edit.range, newText: edit.newText });
    byFile.set(edit.file, edits);
  }
  // Files a fix creates (a worker module) come first, so the edits that fill them have a target.
  const created = new Set(fixes.flatMap((fix) => fix.createFiles ?? []));
  const creations = [...created].map((file) => CreateFile.create(context.locate(file).uri, { overwrite: false, ignoreIfExists: false }));
  const documentChanges = [...byFile].map(([file, edits]) => {
    const target =
      file === context.filePath
        ? { uri: context.uri, version: context.findings.version }
        : created.has(file)
          ? { uri: context.locate(file).uri, version: null }
          : context.locate(file);
    return TextDocumentEdit.create(target, edits);
  });
  return { documentChanges: [...creations, ...documentChanges] };
}

function preferredFix(finding: Finding): Fix | undefined {
  return finding.fixes.find((fix) => fix.isPreferred);
}

function diagnosticOf(entry: FindingDiagnostic): Diagnostic {
  return entry.diagnostic;
}

function overlaps(a: Range, b: Range): boolean {
  return !isBefore(a.end, b.start) && !isBefore(b.end, a.start);
}

function isBefore(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
