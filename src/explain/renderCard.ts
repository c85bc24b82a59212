// Picks the card for a finding. A new kind of card is one module in `cards/`, one member
// of `ExplanationFacts` in the core, and one case below; the compiler points at this
// switch until the case is there.
import type { Finding } from '../core';
import type { Card, CodeSpan } from './card';
import { awaitInLoopCard } from './cards/awaitInLoop';
import { blockingWorkCard } from './cards/blockingWork';
import { lockLeakCard } from './cards/lockLeak';
import { lockOrderCard } from './cards/lockOrder';
import { lockReentryCard } from './cards/lockReentry';
import { raceCheckThenActCard } from './cards/raceCheckThenAct';
import { raceLostUpdateCard } from './cards/raceLostUpdate';
import { sequentialAwaitCard } from './cards/sequentialAwait';
import { suppressionCard } from './cards/suppression';
import { inLocale, type Locale } from './localize';
import { markdownCodeSpan, toMarkdown, toMarkdownSummary } from './markdown';
import { plainCodeSpan, toPlainText } from './plainText';

function buildCard(finding: Finding, code: CodeSpan): Card {
  const facts = finding.explanation;
  switch (facts.card) {
    case 'sequential-await':
      return sequentialAwaitCard(facts, finding, code);
    case 'await-in-loop':
      return awaitInLoopCard(facts, finding, code);
    case 'suppression':
      return suppressionCard(facts, finding, code);
    case 'blocking-work':
      return blockingWorkCard(facts, finding, code);
    case 'lock-order':
      return lockOrderCard(facts, finding, code);
    case 'lock-reentry':
      return lockReentryCard(facts, finding, code);
    case 'lock-leak':
      return lockLeakCard(facts, finding, code);
    case 'race-lost-update':
      return raceLostUpdateCard(facts, finding, code);
    case 'race-check-then-act':
      return raceCheckThenActCard(facts, finding, code);
    default:
      return unknownCard(facts);
  }
}

function unknownCard(facts: never): never {
  throw new Error(`No card renders explanation facts of kind ${JSON.stringify((facts as { card: unknown }).card)}`);
}

/** The whole card for a finding, in Markdown: the Kitchen view shows it. */
export function renderCard(finding: Finding, locale: Locale): string {
  return inLocale(locale, () => toMarkdown(buildCard(finding, markdownCodeSpan)));
}

/** The card's title alone, for the tab of the window that shows it. */
export function cardTitle(finding: Finding, locale: Locale): string {
  return inLocale(locale, () => buildCard(finding, plainCodeSpan).title);
}

/** The hover for a finding: the card's first layer, linking to the whole card at `wholeCardLink`. */
export function renderCardSummary(finding: Finding, locale: Locale, wholeCardLink: string): string {
  return inLocale(locale, () => toMarkdownSummary(buildCard(finding, markdownCodeSpan), wholeCardLink));
}

/** The same card as plain text for a terminal, as `kitchen-sync --explain` prints it; prose wraps to `width` columns when given. */
export function renderCardText(finding: Finding, locale: Locale, width?: number): string {
  return inLocale(locale, () => toPlainText(buildCard(finding, plainCodeSpan), width));
}
