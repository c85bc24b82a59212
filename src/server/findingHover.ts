// Hovering a finding shows the first layer of its card, sized for VS Code's hover box, with a
// link that opens the whole card in the Kitchen view. Both are rendered from the finding's
// facts alone, so neither waits for analysis.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { Finding, Range } from '../core';
import { cardTitle, renderCard, renderCardSummary, type Locale } from '../explain';
import type { PublishedFindings } from './liveDiagnostics';
import { Commands, type CardTarget, type WholeCard } from './protocol';

export function findingHover(uri: string, published: PublishedFindings, position: Position, locale: Locale): Hover | null {
  const here = published.entries.filter((entry) => contains(entry.finding.range, position));
  if (here.length === 0) return null;
  return {
    contents: {
      kind: MarkupKind.Markdown,
      value: here.map(({ finding }) => renderCardSummary(finding, locale, openCardLink(uri, finding))).join('\n\n---\n\n'),
    },
    range: here[0].finding.range,
  };
}

/** The whole card of the finding `target` names, or null when the published findings no longer hold it. */
export function wholeCard(published: PublishedFindings | undefined, target: CardTarget, locale: Locale): WholeCard | null {
  const entry = published?.entries.find(
    ({ finding }) => finding.ruleId === target.ruleId && finding.range.start.line === target.line && finding.range.start.character === target.character,
  );
  return entry ? { title: cardTitle(entry.finding, locale), markdown: renderCard(entry.finding, locale) } : null;
}

/** A command link, as VS Code runs it from a trusted hover: the arguments travel as URI-encoded JSON. */
function openCardLink(uri: string, finding: Finding): string {
  const target: CardTarget = { uri, ruleId: finding.ruleId, line: finding.range.start.line, character: finding.range.start.character };
  return `command:${Commands.openCard}?${encodeURIComponent(JSON.stringify([target]))}`;
}

function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}
