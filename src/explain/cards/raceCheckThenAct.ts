// Two cooks both find the frying pan free: a test made before an await and acted on after
// it. The card plays two calls of the user's function step by step, one column per task:
// both find the cache empty, both load, both store; both find no connection, both
// connect, and one connection leaks; both find no file, and both write it.
import * as l10n from '@vscode/l10n';
import type { RaceCheckThenActFacts } from '../../core/explanationFacts';
import type { Block, CardBuilder } from '../card';
import { shortenCode } from '../codeText';
import { callLabel, raceSchedule } from '../raceSchedule';

const PROSE_WIDTH = 60;
const CELL_WIDTH = 30;

export const raceCheckThenActCard: CardBuilder<RaceCheckThenActFacts> = (facts, finding, code) => {
  const state = code(shortenCode(facts.state, PROSE_WIDTH));
  const fn = code(callLabel(facts.function));
  const awaited = code(shortenCode(facts.awaited, PROSE_WIDTH));
  const blocks: Block[] = [
    {
      kind: 'analogy',
      text: l10n.t(
        'Two dishes in one frying pan: a cook checks that the pan is free, goes to wait for the microwave, and when they come back another cook has put something in it. Both cooks checked, both found the pan free, and both go ahead.',
      ),
    },
    {
      kind: 'paragraph',
      text: l10n.t(
        '{0} tests {1}, waits for {2}, and then acts on what the test said. While it waits, the event loop runs other work, and another call of {0} can make the same test and get the same answer.',
        fn,
        state,
        awaited,
      ),
    },
    { kind: 'paragraph', text: l10n.t('Two calls at once:') },
    raceSchedule(callLabel(facts.function), steps(facts)),
    { kind: 'paragraph', text: outcome(facts, code) },
    { kind: 'heading', text: l10n.t('The fix') },
    ...fixBlocks(facts, code),
    {
      kind: 'paragraph',
      text: l10n.t('Or hold one lock over the test, the await and the act (for example {0}), or test again after the await.', code('mutex.runExclusive(...)')),
    },
  ];
  if (finding.fixes.some((fix) => fix.isPreferred))
    blocks.push({
      kind: 'paragraph',
      text:
        facts.kind === 'cache'
          ? l10n.t('The quick fix stores the promise for you, and removes the entry again if it fails.')
          : l10n.t('The quick fix stores the promise for you, and empties the slot again if it fails.'),
    });
  else if (facts.heldLock)
    blocks.push({
      kind: 'paragraph',
      text: l10n.t(
        'A quick fix holds {0}, a lock this code already takes, from the test to the act; it is not applied on its own, because every call then waits for the one before it.',
        code(facts.heldLock),
      ),
    });
  else if (finding.fixes.length > 0)
    blocks.push({
      kind: 'paragraph',
      text: l10n.t('A quick fix adds the flag; it is not applied on its own, because the write then fails where it used to overwrite.'),
    });
  return {
    title: l10n.t('Two calls can both pass this test'),
    gist: l10n.t('Two dishes in one frying pan: two cooks both find the pan free, and both go ahead.'),
    remedy:
      facts.kind === 'cache' || facts.kind === 'lazy-init'
        ? l10n.t('Store the promise before anything waits, so that a second call waits for the same work.')
        : l10n.t('Let the call itself fail, for example with {0}, instead of testing first.', code("writeFile(path, data, { flag: 'wx' })")),
    blocks,
    ruleId: finding.ruleId,
  };
};

function steps(facts: RaceCheckThenActFacts): { before: string; waits: string; after: string } {
  const check = shortenCode(facts.check, CELL_WIDTH - 12);
  const waits = l10n.t('waits for {0}', shortenCode(facts.awaited, CELL_WIDTH - 10));
  if (facts.kind === 'cache')
    return {
      before: l10n.t('checks {0}: missing', check),
      waits,
      after: l10n.t('stores {0} in {1}', shortenCode(facts.key ?? '', 8), shortenCode(facts.state, CELL_WIDTH - 18)),
    };
  if (facts.kind === 'lazy-init')
    return { before: l10n.t('checks {0}: empty', check), waits, after: l10n.t('sets {0}', shortenCode(facts.state, CELL_WIDTH - 5)) };
  return { before: l10n.t('checks {0}', check), waits, after: l10n.t('runs {0}', shortenCode(facts.act, CELL_WIDTH - 5)) };
}

function outcome(facts: RaceCheckThenActFacts, code: (text: string) => string): string {
  const state = code(shortenCode(facts.state, PROSE_WIDTH));
  const awaited = code(shortenCode(facts.awaited, PROSE_WIDTH));
  if (facts.kind === 'cache') {
    return l10n.t(
      'Both tasks find {0} missing from {1}, both wait for {2}, and both store it: the work is done twice, and the second store replaces the first. With many callers at once, every one of them loads.',
      code(facts.key ?? ''),
      state,
      awaited,
    );
  }
  if (facts.kind === 'lazy-init' && facts.resource) {
    return l10n.t(
      'Both tasks find {0} empty and both wait for {1}: two are opened, and the second replaces the first, which stays open with nothing left to close it, and may already be in use.',
      state,
      awaited,
    );
  }
  if (facts.kind === 'lazy-init') {
    return l10n.t(
      'Both tasks find {0} empty and both wait for {1}: the work is done twice, and the second value replaces the first, which a caller may already hold.',
      state,
      awaited,
    );
  }
  return l10n.t(
    'Both tasks get the same answer about {0}, and both act on it: the second write overwrites the first, or the second call fails because the first already changed {0}.',
    state,
  );
}

/** The memo shape in the user's names, or the file call that fails instead of testing first. */
function fixBlocks(facts: RaceCheckThenActFacts, code: (text: string) => string): Block[] {
  const operand = facts.awaited;
  if (facts.kind === 'cache') {
    const key = facts.key ?? 'key';
    return [
      {
        kind: 'paragraph',
        text: l10n.t(
          'Store the promise before anything waits, so the second call finds it and waits for the same work; remove it again when it fails, so a failure is not kept for ever. The map then holds promises, and readers await what they get.',
        ),
      },
      {
        kind: 'code',
        language: 'ts',
        lines: [
          `let pending = ${facts.state}.get(${key});`,
          'if (!pending) {',
          `  pending = ${operand};`,
          `  ${facts.state}.set(${key}, pending);`,
          `  pending.catch(() => ${facts.state}.delete(${key}));`,
          '}',
          'return pending;',
        ],
      },
    ];
  }
  if (facts.kind === 'lazy-init') {
    return [
      {
        kind: 'paragraph',
        text: l10n.t(
          'Store the promise before anything waits, so the second call finds it and waits for the same work; empty the slot again when it fails, so a failure is not kept for ever.',
        ),
      },
      {
        kind: 'code',
        language: 'ts',
        lines: [
          `if (!${facts.state}) ${facts.state} = ${operand}.catch((error: unknown) => { ${facts.state} = undefined; throw error; });`,
          `return ${facts.state};`,
        ],
      },
    ];
  }
  return [
    {
      kind: 'paragraph',
      text: l10n.t(
        'Let the call itself fail when the path is not as expected, and handle that error, instead of testing first: for example {0} fails with EEXIST when the file is already there.',
        code("writeFile(path, data, { flag: 'wx' })"),
      ),
    },
  ];
}
