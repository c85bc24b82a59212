// Hovering a finding shows its explanation card. The card is rendered from the finding's
// facts alone, so a hover never waits for analysis.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { Range } from '../core';
import { renderCard, type Locale } from '../explain';
import type { PublishedFindings } from './liveDiagnostics';

export function findingHover(published: PublishedFindings, position: Position, locale: Locale): Hover | null {
  const here = published.entries.filter((entry) => contains(entry.finding.range, position));
  if (here.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: here.map((entry) => renderCard(entry.finding, locale)).join('\n\n---\n\n') },
    range: here[0].finding.range,
  };
}

function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}
