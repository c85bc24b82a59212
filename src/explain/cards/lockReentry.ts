// The cook waiting for the board in their own hands: a lock taken again by the task that holds it.
import * as l10n from '@vscode/l10n';
import type { LockReentryFacts } from '../../core/explanationFacts';
import type { Block, CardBuilder } from '../card';
import { shortenCode } from '../codeText';

const PROSE_WIDTH = 60;

export const lockReentryCard: CardBuilder<LockReentryFacts> = (facts, finding, code) => {
  const lock = code(shortenCode(facts.lock, PROSE_WIDTH));
  const fn = code(callLabel(facts.function));
  const blocks: Block[] = [
    {
      kind: 'analogy',
      text: l10n.t('A cook holding the cutting board asks for the cutting board, and waits until it is free. It never will be: it is in their own hands.'),
    },
    {
      kind: 'paragraph',
      text:
        facts.through.length === 0
          ? l10n.t('{0} takes {1} while it already holds it.', fn, lock)
          : l10n.t('{0} holds {1} and calls {2}, which takes {1} again.', fn, lock, code(shortenCode(facts.through.map(callLabel).join(' → '), PROSE_WIDTH))),
    },
    {
      kind: 'paragraph',
      text:
        facts.lockKind === 'web-lock'
          ? l10n.t(
              'A Web Lock is not reentrant: a request for a name the same task already holds waits until that lock is released, and it is only released when this very code finishes.',
            )
          : l10n.t(
              '{0} is not reentrant: the second acquisition waits until the first is released, and the first is only released when this very code finishes.',
              lock,
            ),
    },
    {
      kind: 'paragraph',
      text: facts.timeout
        ? l10n.t('With {0} the wait ends in a timeout error, on every run of this path, and the work it guards is never done.', code('withTimeout'))
        : l10n.t('So the task hangs forever, and so does everything else that needs {0}.', lock),
    },
    { kind: 'heading', text: l10n.t('The fix') },
    {
      kind: 'list',
      items: [
        l10n.t('Take the lock once, at the outermost level, and let the code inside assume it is held.'),
        l10n.t(
          'Where a function is called both with and without the lock, split it: one version takes the lock, the other (say {0}) expects the caller to hold it, and code that already holds the lock calls that one.',
          code(`${facts.through[0] ?? facts.function}Locked()`),
        ),
      ],
    },
  ];
  return {
    title: l10n.t('This lock is taken again while it is held'),
    gist: l10n.t('A cook holding the cutting board waits for the cutting board to be free.'),
    remedy: l10n.t('Take the lock once, at the outermost level, and let the code inside assume it is held.'),
    blocks,
    ruleId: finding.ruleId,
  };
};

function callLabel(name: string): string {
  return name.startsWith('(') ? name : `${name}()`;
}
