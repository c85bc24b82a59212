// Suppression comments:
//   // kitchen-sync-disable-next-line <rule-id>[, <rule-id>] -- <reason>
//   /* kitchen-sync-disable <rule-id>[, <rule-id>] -- <reason> */   (whole file)
// A directive naming an unknown rule, or one that suppresses nothing, is itself reported.
import { SyntaxKind, ts, type SourceFile } from 'ts-morph';
import type { Finding, Fix, Range, Severity } from './finding';
import { formatMessage } from './formatMessage';
import { lineStarts, offsetAt, positionAt, rangeOf } from './ranges';
import type { RuleInfo } from './rule';
import { allRuleInfos } from './rules';
import { invalidSuppression, unusedSuppression } from './rules/suppressionRules';
import { fixTitle } from './templateText';

export interface Directive {
  kind: 'next-line' | 'file';
  /** Rule ids with the range of each id in the file; empty means every rule. */
  rules: Array<{ id: string; range: Range }>;
  range: Range;
  /** The line a next-line directive covers. */
  targetLine: number;
  reason?: string;
  text: string;
}

const DIRECTIVE = /(\/\/|\/\*)\s*kitchen-sync-(disable-next-line|disable)\b([^\n]*?)(\*\/|$)/gm;

export function parseDirectives(sourceFile: SourceFile): Directive[] {
  const text = sourceFile.getFullText();
  if (!text.includes('kitchen-sync-disable')) return [];
  const directives: Directive[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const start = match.index ?? 0;
    if (!isCommentStart(sourceFile, start)) continue;
    const [whole, opener, kind, body, closer] = match;
    // `disable-next-line` belongs in a line comment, `disable` in a block comment.
    if ((kind === 'disable-next-line') !== (opener === '//')) continue;
    if (opener === '/*' && closer !== '*/') continue;
    const bodyStart = start + whole.indexOf(body, opener.length + kind.length);
    const [ruleList, reason] = splitReason(body);
    const rules: Directive['rules'] = [];
    for (const idMatch of ruleList.matchAll(/[\w-]+/g)) {
      const idStart = bodyStart + (idMatch.index ?? 0);
      rules.push({ id: idMatch[0], range: rangeOf(sourceFile, idStart, idStart + idMatch[0].length) });
    }
    const position = positionAt(sourceFile, start);
    directives.push({
      kind: kind === 'disable' ? 'file' : 'next-line',
      rules,
      range: rangeOf(sourceFile, start, start + whole.length),
      targetLine: position.line + 1,
      reason,
      text: whole.trim(),
    });
  }
  return directives;
}

function splitReason(body: string): [string, string | undefined] {
  const at = body.indexOf('--');
  if (at < 0) return [body, undefined];
  return [body.slice(0, at), body.slice(at + 2).trim() || undefined];
}

/** True when a comment starts exactly at `offset` (not a string, not text inside another comment). */
function isCommentStart(sourceFile: SourceFile, offset: number): boolean {
  const node = sourceFile.getDescendantAtPos(offset);
  if (!node) return false;
  // ts-morph wraps comments that stand alone as statements in nodes of their own.
  const kind = node.getKind();
  if (kind === SyntaxKind.SingleLineCommentTrivia || kind === SyntaxKind.MultiLineCommentTrivia) return node.getPos() === offset;
  if (offset >= node.getStart()) return false;
  const text = sourceFile.getFullText();
  const comments = [...(ts.getLeadingCommentRanges(text, node.getPos()) ?? []), ...(ts.getTrailingCommentRanges(text, node.getPos()) ?? [])];
  return comments.some((c) => c.pos === offset);
}

/**
 * Drops the findings that directives suppress and adds findings for directives that
 * name unknown rules or suppress nothing (when those rules are enabled).
 */
export function applySuppressions(sourceFile: SourceFile, findings: Finding[], enabled: ReadonlyArray<{ rule: RuleInfo; severity: Severity }>): Finding[] {
  const directives = parseDirectives(sourceFile);
  if (directives.length === 0) return findings;
  const known = new Set(enabled.map((e) => e.rule.meta.id));
  const severityOf = new Map(enabled.map((e) => [e.rule.meta.id, e.severity]));
  const allKnownIds = new Set(allRuleInfos.map((r) => r.meta.id));
  const used = new Set<string>(); // `${directiveIndex}:${ruleId or *}`

  const kept = findings.filter((finding) => {
    let suppressed = false;
    directives.forEach((directive, index) => {
      if (directive.kind === 'next-line' && finding.range.start.line !== directive.targetLine) return;
      if (directive.rules.length === 0) {
        used.add(`${index}:*`);
        suppressed = true;
      } else if (directive.rules.some((r) => r.id === finding.ruleId)) {
        used.add(`${index}:${finding.ruleId}`);
        suppressed = true;
      }
    });
    return !suppressed;
  });

  const file = sourceFile.getFilePath();
  directives.forEach((directive, index) => {
    const invalidSeverity = severityOf.get(invalidSuppression.meta.id);
    const unusedSeverity = severityOf.get(unusedSuppression.meta.id);
    for (const rule of directive.rules) {
      if (!allKnownIds.has(rule.id)) {
        if (invalidSeverity)
          kept.push(directiveFinding(invalidSuppression, 'unknownRule', invalidSeverity, file, rule.range, { ruleId: rule.id }, directive, []));
      } else if (unusedSeverity && known.has(rule.id) && !used.has(`${index}:${rule.id}`)) {
        kept.push(
          directiveFinding(unusedSuppression, 'unusedRule', unusedSeverity, file, rule.range, { ruleId: rule.id }, directive, [
            removeDirectiveFix(sourceFile, directive),
          ]),
        );
      }
    }
    if (directive.rules.length === 0 && unusedSeverity && !used.has(`${index}:*`)) {
      kept.push(
        directiveFinding(unusedSuppression, 'unusedAll', unusedSeverity, file, directive.range, {}, directive, [removeDirectiveFix(sourceFile, directive)]),
      );
    }
  });
  return kept;
}

function directiveFinding(
  rule: RuleInfo,
  messageId: string,
  severity: Severity,
  file: string,
  range: Range,
  data: Record<string, string>,
  directive: Directive,
  fixes: Fix[],
): Finding {
  return {
    ruleId: rule.meta.id,
    file,
    range,
    severity,
    message: formatMessage(rule.messages[messageId], data),
    messageId,
    data,
    related: [],
    fixes,
    explanation: { card: 'suppression', directive: directive.text },
    experimental: false,
  };
}

/** Removes a directive; a comment alone on its line goes with its line. */
function removeDirectiveFix(sourceFile: SourceFile, directive: Directive): Fix {
  const text = sourceFile.getFullText();
  const starts = lineStarts(text);
  const start = offsetAt(starts, text.length, directive.range.start);
  const end = offsetAt(starts, text.length, directive.range.end);
  const lineStart = starts[directive.range.start.line];
  const nextLine = starts[directive.range.end.line + 1] ?? text.length;
  const aloneOnLine = text.slice(lineStart, start).trim() === '' && text.slice(end, nextLine).trim() === '';
  const [from, to] = aloneOnLine ? [lineStart, nextLine] : [start, end];
  return {
    ...fixTitle('Remove unused kitchen-sync-disable directive'),
    isPreferred: true,
    edits: [{ file: sourceFile.getFilePath(), range: rangeOf(sourceFile, from, to), newText: '' }],
  };
}

/**
 * "Disable for this line": a `kitchen-sync-disable-next-line` comment above the finding,
 * indented like the line it guards. When the line above already is such a directive, the
 * rule joins it: a second directive in between would leave the first guarding nothing.
 */
export function disableForLineFix(fileText: string, finding: Finding): Fix {
  const title = fixTitle('Disable {rule} for this line', { rule: finding.ruleId });
  const starts = lineStarts(fileText);
  const line = finding.range.start.line;
  const existing = line > 0 ? NEXT_LINE_DIRECTIVE.exec(lineText(fileText, starts, line - 1)) : null;
  if (existing) {
    const [, head, ids] = existing;
    const at = { line: line - 1, character: head.length + ids.trimEnd().length };
    const separator = ids.trim() === '' ? ' ' : ', ';
    return { ...title, isPreferred: false, edits: [{ file: finding.file, range: { start: at, end: at }, newText: `${separator}${finding.ruleId}` }] };
  }
  const lineStart = starts[line] ?? fileText.length;
  const indent = /^[ \t]*/.exec(fileText.slice(lineStart))?.[0] ?? '';
  const newline = fileText.includes('\r\n') ? '\r\n' : '\n';
  const position = { line, character: 0 };
  return {
    ...title,
    isPreferred: false,
    edits: [
      { file: finding.file, range: { start: position, end: position }, newText: `${indent}// kitchen-sync-disable-next-line ${finding.ruleId}${newline}` },
    ],
  };
}

// A line that is only a next-line directive naming some rules (an empty list means all
// rules, which needs no addition, so it does not match). Groups: text up to the ids, the ids.
const NEXT_LINE_DIRECTIVE = /^(\s*\/\/\s*kitchen-sync-disable-next-line\s+)([\w-]+(?:\s*,\s*[\w-]+)*\s*)(?:--.*)?$/;

function lineText(text: string, starts: number[], line: number): string {
  const end = starts[line + 1] ?? text.length;
  return text.slice(starts[line], end).replace(/\r?\n$/, '');
}

/** "Disable for the entire file": a block directive at the top of the file. */
export function disableForFileFix(fileText: string, finding: Finding): Fix {
  const newline = fileText.includes('\r\n') ? '\r\n' : '\n';
  // Keep a shebang on the first line, where it has to be.
  const line = fileText.startsWith('#!') ? 1 : 0;
  const position = { line, character: 0 };
  return {
    ...fixTitle('Disable {rule} for the entire file', { rule: finding.ruleId }),
    isPreferred: false,
    edits: [{ file: finding.file, range: { start: position, end: position }, newText: `/* kitchen-sync-disable ${finding.ruleId} */${newline}` }],
  };
}
