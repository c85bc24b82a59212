// Cards for the two rules about `kitchen-sync-disable` directives themselves: one that
// suppresses nothing, and one that names a rule that does not exist.
import * as l10n from '@vscode/l10n';
import { allRuleInfos, type Finding } from '../../core';
import type { SuppressionFacts } from '../../core/explanationFacts';
import { invalidSuppression } from '../../core/rules/suppressionRules';
import type { Block, Card, CardBuilder, CodeSpan } from '../card';
import { shortenCode } from '../codeText';

const DIRECTIVE_WIDTH = 80;

export const suppressionCard: CardBuilder<SuppressionFacts> = (facts, finding, code) => {
  // The rule id the directive names; absent when it names none and so covers every rule.
  const named: string | undefined = finding.data.ruleId;
  const directive: Block[] = [
    { kind: 'code', language: 'ts', lines: [shortenCode(facts.directive, DIRECTIVE_WIDTH)] },
    { kind: 'paragraph', text: describeDirective(facts.directive, named ? code(named) : undefined) },
  ];
  return finding.ruleId === invalidSuppression.meta.id ? unknownRuleCard(finding, directive, finding.data.ruleId, code) : unusedCard(finding, directive);
};

function unusedCard(finding: Finding, directive: Block[]): Card {
  const blocks: Block[] = [
    {
      kind: 'analogy',
      text: l10n.t('A "leave this alone" note on an empty counter: it guards nothing today, and whatever lands there next gets ignored too.'),
    },
    ...directive,
    {
      kind: 'paragraph',
      text: l10n.t(
        'But there is nothing here for it to hide: the code changed, or the finding moved. Left in place, it would silently hide the next real finding.',
      ),
    },
    { kind: 'heading', text: l10n.t('The fix') },
    { kind: 'paragraph', text: l10n.t('Remove the directive, or move it to the line it was meant for.') },
  ];
  if (finding.fixes.some((fix) => fix.isPreferred)) {
    blocks.push({ kind: 'paragraph', text: l10n.t('The quick fix removes it for you.') });
  }
  return {
    title: l10n.t('This directive suppresses nothing'),
    gist: l10n.t('A "leave this alone" note on an empty counter.'),
    remedy: l10n.t('Remove the directive, or move it to the line it was meant for.'),
    blocks,
    ruleId: finding.ruleId,
  };
}

function unknownRuleCard(finding: Finding, directive: Block[], unknown: string, code: CodeSpan): Card {
  const known = allRuleInfos.map((rule) => rule.meta.id);
  const closest = closestId(unknown, known);
  const knownList = known.map(code).join(', ');
  return {
    title: l10n.t('This directive names a rule that does not exist'),
    gist: l10n.t('A note pinned up for a cook who does not work in this kitchen.'),
    remedy: closest ? l10n.t('Did you mean {0}?', code(closest)) : l10n.t('Name one of the rules Kitchen Sync knows.'),
    ruleId: finding.ruleId,
    blocks: [
      { kind: 'analogy', text: l10n.t('A note pinned up for a cook who does not work in this kitchen: nobody will ever read it.') },
      ...directive,
      {
        kind: 'paragraph',
        text: l10n.t('But {0} is not a Kitchen Sync rule, so the directive hides nothing. A typo, or a rule that was renamed?', code(unknown)),
      },
      { kind: 'heading', text: l10n.t('The fix') },
      {
        kind: 'paragraph',
        text: closest
          ? l10n.t('Did you mean {0}? The rules Kitchen Sync knows: {1}.', code(closest), knownList)
          : l10n.t('Name one of the rules Kitchen Sync knows: {0}.', knownList),
      },
    ],
  };
}

function describeDirective(directive: string, rule: string | undefined): string {
  const nextLine = directive.includes('disable-next-line');
  if (rule) {
    return nextLine
      ? l10n.t('It asks Kitchen Sync not to report {0} on the next line.', rule)
      : l10n.t('It asks Kitchen Sync not to report {0} anywhere in this file.', rule);
  }
  return nextLine
    ? l10n.t('It asks Kitchen Sync not to report anything on the next line.')
    : l10n.t('It asks Kitchen Sync not to report anything in this file.');
}

/** The known id a typo most likely meant: close in spelling, or nothing. */
function closestId(id: string, known: readonly string[]): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(id, candidate);
    if (distance <= Math.max(2, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) best = { id: candidate, distance };
  }
  return best?.id;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
