// The cook who walks out with the board still in hand: a lock that some path never releases.
import * as l10n from '@vscode/l10n';
import type { LockLeakFacts } from '../../core/explanationFacts';
import type { Block, CardBuilder, CodeSpan } from '../card';
import { shortenCode } from '../codeText';

const PROSE_WIDTH = 60;

export const lockLeakCard: CardBuilder<LockLeakFacts> = (facts, finding, code) => {
  const lock = code(shortenCode(facts.lock, PROSE_WIDTH));
  const blocks: Block[] = [
    {
      kind: 'analogy',
      text: l10n.t(
        'A cook takes the cutting board, something goes wrong, and they walk out with the board still in their hands. Every cook who needs the board after that waits for it forever.',
      ),
    },
    { kind: 'paragraph', text: whatHappens(facts, lock, code) },
    { kind: 'paragraph', text: l10n.t('From then on, every acquisition of {0} waits forever.', lock) },
    { kind: 'heading', text: l10n.t('The fix') },
    { kind: 'paragraph', text: l10n.t('Release it in a {0} block, so it is released however the code leaves:', code('finally')) },
    {
      kind: 'code',
      language: 'ts',
      // async-mutex gets the idiom; any other lock keeps the code's own way of releasing.
      lines: facts.runExclusive
        ? [
            `const release = await ${ownerOf(facts.lock)}.acquire();`,
            'try {',
            `  // ${l10n.t('the work that needs the lock')}`,
            '} finally {',
            '  release();',
            '}',
          ]
        : [
            `// ${l10n.t('take {0}', facts.lock)}`,
            'try {',
            `  // ${l10n.t('the work that needs the lock')}`,
            '} finally {',
            `  ${facts.release ?? 'release()'};`,
            '}',
          ],
    },
  ];
  if (facts.runExclusive) {
    blocks.push({
      kind: 'paragraph',
      text: l10n.t(
        'Or let the lock release itself: {0} takes it, runs the callback and releases it when the callback settles, even when it throws.',
        code(`${ownerOf(facts.lock)}.runExclusive(async () => ...)`),
      ),
    });
  }
  if (finding.fixes.some((fix) => fix.isPreferred)) {
    blocks.push({ kind: 'paragraph', text: l10n.t('The quick fix moves the code into a {0} block for you.', code('try/finally')) });
  }
  return {
    title: l10n.t('This lock is not released on every path'),
    gist: l10n.t('A cook walks out with the cutting board in hand, and every cook after waits for it forever.'),
    remedy: l10n.t('Release {0} in a {1} block.', lock, code('finally')),
    blocks,
    ruleId: finding.ruleId,
  };
};

function whatHappens(facts: LockLeakFacts, lock: string, code: CodeSpan): string {
  const fn = code(facts.function.startsWith('(') ? facts.function : `${facts.function}()`);
  const culprit = code(shortenCode(facts.culprit ?? '', PROSE_WIDTH));
  switch (facts.reason) {
    case 'exception':
      return l10n.t('{0} takes {1}, but if {2} throws, the code jumps past the release and {1} stays locked.', fn, lock, culprit);
    case 'throw':
      return l10n.t('{0} takes {1}, but {2} leaves the code before the release, and {1} stays locked.', fn, lock, culprit);
    case 'early-exit':
      return l10n.t('{0} takes {1}, but {2} leaves before the release, and {1} stays locked.', fn, lock, culprit);
    case 'some-paths':
      return l10n.t('{0} takes {1}, but only some of the paths through the code release it; on the others {1} stays locked.', fn, lock);
    case 'never':
      return l10n.t('{0} takes {1}, and nothing ever releases it.', fn, lock);
  }
}

/** The lock object to show in the example: `this.lock`, or `lock` for a name. */
function ownerOf(lock: string): string {
  return /^[\w$.]+$/.test(lock) ? lock : 'lock';
}
