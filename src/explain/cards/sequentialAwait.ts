// The potato salad: independent awaits that run one after another.
import * as l10n from '@vscode/l10n';
import type { SequentialAwaitFacts } from '../../core/explanationFacts';
import type { Block, CardBuilder } from '../card';
import { displayWidth, shortenCode } from '../codeText';
import { waitsBlock } from '../timeline';
import { promiseAllCaveat } from './promiseAllCaveat';

/** Calls longer than this are cut, in sentences and in the fix alike. */
const CALL_WIDTH = 80;
/** Calls take different times; these made-up lengths show that waiting together costs only the longest. */
const LENGTHS = [8, 5, 7, 6];
/** A larger group (generated code reaches fifty) shows its first calls and counts the rest. */
const SHOWN_CALLS = 6;

export const sequentialAwaitCard: CardBuilder<SequentialAwaitFacts> = (facts, finding, code) => {
  const calls = facts.group.length >= 2 ? facts.group : [facts.earlier, facts.later];
  const shown = calls.length > SHOWN_CALLS ? calls.slice(0, SHOWN_CALLS - 1) : calls;
  const hidden = calls.length - shown.length;
  const later = code(shortenCode(facts.later, CALL_WIDTH));
  const earlier = code(shortenCode(facts.earlier, CALL_WIDTH));
  const blocks: Block[] = [
    {
      kind: 'analogy',
      text: l10n.t(
        'A cook puts the potatoes in the microwave and stands staring at it until it beeps, and only then measures the mayonnaise. A good cook measures the mayonnaise while the microwave runs, then mashes both together.',
      ),
    },
    {
      kind: 'paragraph',
      text: facts.functionName
        ? l10n.t('In {0}, {1} does not start until {2} has finished, yet it uses nothing that {2} produces.', code(facts.functionName), later, earlier)
        : l10n.t('{0} does not start until {1} has finished, yet it uses nothing that {1} produces.', later, earlier),
    },
    {
      kind: 'paragraph',
      text:
        calls.length === 2
          ? l10n.t('So the code waits twice where once would do: started together, the two take only as long as the slower one.')
          : l10n.t('The {0} calls of this group all wait in line like this; started together, they take only as long as the slowest.', calls.length),
    },
    waitsBlock(
      shown.map((label, index) => ({ label, length: LENGTHS[index % LENGTHS.length] })),
      {
        oneAfterAnother:
          calls.length === 2 ? l10n.t('One after another, as now: waits twice') : l10n.t('One after another, as now: waits {0} times', calls.length),
        together: l10n.t('Together: waits once, as long as the slowest'),
      },
      hidden > 0 ? l10n.t('The first {0} of the {1} calls are drawn.', shown.length, calls.length) : undefined,
    ),
    { kind: 'heading', text: l10n.t('Before you change it') },
    {
      kind: 'list',
      items: [
        promiseAllCaveat(code),
        l10n.t(
          'Keep the order where the second step needs the first: you cannot mash potatoes that are not cooked yet. Kitchen Sync follows the data; if {0} relies on something {1} does on the side (a row it writes, a file it creates), keep them in order.',
          later,
          earlier,
        ),
      ],
    },
    { kind: 'heading', text: l10n.t('The fix') },
    { kind: 'paragraph', text: l10n.t('Start them together and wait once:') },
    {
      kind: 'code',
      language: 'ts',
      // What the quick fix writes, names and all. A large group's names would not fit a line,
      // and cut short they would not read as code: the sample then leaves them out.
      lines: [
        `${facts.assigns && displayWidth(facts.assigns) <= CALL_WIDTH ? facts.assigns : ''}await Promise.all([`,
        ...shown.map((call) => `  ${shortenCode(call, CALL_WIDTH)},`),
        ...(hidden > 0 ? [`  // ${l10n.t('… and {0} more', hidden)}`] : []),
        ']);',
      ],
    },
  ];
  if (finding.fixes.some((fix) => fix.isPreferred)) {
    blocks.push({ kind: 'paragraph', text: l10n.t('The quick fix makes this change for you and keeps your variable names.') });
  }
  return {
    title: l10n.t('These awaits could run together'),
    gist: l10n.t('A good cook measures the mayonnaise while the microwave runs, not after it beeps.'),
    remedy: l10n.t('Start them together and wait once, with {0}.', code('Promise.all')),
    blocks,
    ruleId: finding.ruleId,
  };
};
