// Two dishes in one frying pan: a value read before an await and written back after it.
// The card plays two calls of the user's function step by step, one column per task, with
// example numbers: both read 100, both write 90, and one of the two updates is gone.
import * as l10n from '@vscode/l10n';
import type { RaceLostUpdateFacts } from '../../core/explanationFacts';
import type { Block, CardBuilder } from '../card';
import { shortenCode } from '../codeText';
import { callLabel, raceSchedule } from '../raceSchedule';

const PROSE_WIDTH = 60;
const CELL_WIDTH = 30;
const START = 100;
const STEP = 10;

export const raceLostUpdateCard: CardBuilder<RaceLostUpdateFacts> = (facts, finding, code) => {
  const state = code(shortenCode(facts.state, PROSE_WIDTH));
  const fn = code(callLabel(facts.function));
  const awaited = code(shortenCode(facts.awaited, PROSE_WIDTH));
  if (facts.reset) return resetCard(facts, finding, { state, fn, awaited });
  const blocks: Block[] = [
    {
      kind: 'analogy',
      text: l10n.t(
        "Two dishes in one frying pan: a cook notes what is in the pan, goes to wait for the microwave, and when they come back another cook has changed the pan. The first cook carries on from what they noted, and the other cook's work is undone.",
      ),
    },
    {
      kind: 'paragraph',
      text: l10n.t(
        '{0} reads {1}, waits for {2}, and then writes {1} from what it read. While it waits, the event loop runs other work, and another call of {0} can read the same old value.',
        fn,
        state,
        awaited,
      ),
    },
    { kind: 'paragraph', text: l10n.t('Two calls at once:') },
    interleaving(facts),
    { kind: 'paragraph', text: outcome(facts, state) },
    { kind: 'heading', text: l10n.t('The fix') },
    { kind: 'paragraph', text: l10n.t('Read and write {0} with no await in between: wait first, then read the current value and update it in one go.', state) },
    { kind: 'code', language: 'ts', lines: fixedCode(facts) },
    {
      kind: 'paragraph',
      text: l10n.t(
        'Where the await must come between, hold one lock over the read, the await and the write (for example {0}), or read {1} again after the await and give up or retry when it changed.',
        code('mutex.runExclusive(...)'),
        state,
      ),
    },
  ];
  if (finding.fixes.some((fix) => fix.isPreferred)) blocks.push({ kind: 'paragraph', text: l10n.t('The quick fix moves the await before the read for you.') });
  else if (facts.heldLock)
    blocks.push({
      kind: 'paragraph',
      text: l10n.t(
        'A quick fix holds {0}, a lock this code already takes, from the read to the write; it is not applied on its own, because every call then waits for the one before it.',
        code(facts.heldLock),
      ),
    });
  return {
    title: l10n.t('An update to this value can be lost'),
    gist: l10n.t('Two dishes in one frying pan: what a cook noted before going to the microwave is stale when they come back.'),
    remedy: l10n.t('Read and write {0} with no await in between, or hold one lock over the read, the await and the write.', state),
    blocks,
    ruleId: finding.ruleId,
  };
};

/**
 * The call that clears what another call set: task 1 sets its value and waits, task 2 sets
 * its own and waits, task 1 clears the slot, and task 2's value is gone while it still runs.
 */
const resetCard = (
  facts: RaceLostUpdateFacts,
  finding: Parameters<CardBuilder<RaceLostUpdateFacts>>[1],
  { state, fn, awaited }: { state: string; fn: string; awaited: string },
): ReturnType<CardBuilder<RaceLostUpdateFacts>> => {
  const cell = shortenCode(facts.state, CELL_WIDTH - 10);
  const blocks: Block[] = [
    {
      kind: 'analogy',
      text: l10n.t(
        "Two dishes in one frying pan: a cook puts their pan on the hob and goes to wait for the microwave; another cook swaps in their own pan. When the first cook comes back, they clear the hob, and take the other cook's pan off the heat.",
      ),
    },
    {
      kind: 'paragraph',
      text: l10n.t(
        '{0} sets {1} to a value of its own, waits for {2}, and then clears {1}. While it waits, another call of {0} can set its own value, which this call then clears.',
        fn,
        state,
        awaited,
      ),
    },
    { kind: 'paragraph', text: l10n.t('Two calls at once:') },
    raceSchedule(callLabel(facts.function), {
      before: l10n.t('sets {0}', cell),
      waits: l10n.t('waits for {0}', shortenCode(facts.awaited, CELL_WIDTH - 10)),
      after: l10n.t('clears {0}', cell),
    }),
    {
      kind: 'paragraph',
      text: l10n.t(
        'The first call to finish clears the value the second call set, while the second still runs: whatever reads {0} next finds nothing (an abort button that no longer stops the second call).',
        state,
      ),
    },
    { kind: 'heading', text: l10n.t('The fix') },
    { kind: 'paragraph', text: l10n.t('Clear {0} only while it still holds the value this call set: compare it with that value first.', state) },
    { kind: 'code', language: 'ts', lines: guardedReset(facts) },
  ];
  if (finding.fixes.some((fix) => fix.isPreferred)) blocks.push({ kind: 'paragraph', text: l10n.t('The quick fix adds that comparison for you.') });
  return {
    title: l10n.t('This call can clear a value another call set'),
    gist: l10n.t("Two dishes in one frying pan: coming back, a cook takes the other cook's pan off the heat."),
    remedy: l10n.t('Clear {0} only while it still holds the value this call set: compare it with that value first.', state),
    blocks,
    ruleId: finding.ruleId,
  };
};

/** The reset behind a comparison with the value the call set, kept in a local when it was written inline. */
function guardedReset(facts: RaceLostUpdateFacts): string[] {
  const value = facts.read.slice(facts.read.indexOf('=') + 1).trim();
  if (/^[A-Za-z_$][\w$]*$/.test(value)) return [`if (${facts.state} === ${value}) ${facts.write};`];
  return [
    `const mine = ${value};`,
    `${facts.state} = mine;`,
    `// ${l10n.t('the code that waits for {0}', facts.awaited)}`,
    `if (${facts.state} === mine) ${facts.write};`,
  ];
}

/** The schedule that loses an update: task 1 reads and waits, task 2 reads and waits, both write. */
export function interleaving(facts: RaceLostUpdateFacts): Block {
  const state = shortenCode(facts.state, CELL_WIDTH - 10);
  return raceSchedule(callLabel(facts.function), {
    before: facts.change === 'other' ? l10n.t('reads {0}', state) : l10n.t('reads {0}: {1}', state, START),
    waits: l10n.t('waits for {0}', shortenCode(facts.awaited, CELL_WIDTH - 10)),
    after: facts.change === 'other' ? l10n.t('writes {0}', state) : l10n.t('writes {0}: {1}', state, written(facts)),
  });
}

function outcome(facts: RaceLostUpdateFacts, state: string): string {
  if (facts.change === 'other')
    return l10n.t('Both tasks start from the same old value of {0}, and the second write replaces the first: one update is lost.', state);
  const expected = facts.change === 'add' ? START + 2 * STEP : START - 2 * STEP;
  return l10n.t(
    'Both read {0} and both write {1}: one of the two updates is lost. Run one after the other, they would leave {2}.',
    START,
    written(facts),
    expected,
  );
}

function written(facts: RaceLostUpdateFacts): number {
  return facts.change === 'add' ? START + STEP : START - STEP;
}

/** The user's own lines with the await moved before the read. */
function fixedCode(facts: RaceLostUpdateFacts): string[] {
  const awaitedInWrite = `await ${facts.awaited}`;
  if (facts.write.includes(awaitedInWrite)) {
    return [`const value = ${awaitedInWrite};`, `${facts.write.replace(`(${awaitedInWrite})`, 'value').replace(awaitedInWrite, 'value')};`];
  }
  return [`// ${l10n.t('the code that waits for {0}', facts.awaited)}`, `${facts.read};`, `${facts.write};`];
}
