// The carrot cutter and the dishwasher: locks taken in orders that can deadlock. The card
// names every task by the user's function, shows the interleaving that hangs as a schedule
// with one column per task, and draws the cycle of locks.
import * as l10n from '@vscode/l10n';
import type { LockOrderFacts, LockTask } from '../../core/explanationFacts';
import type { Block, CardBuilder, CodeSpan } from '../card';
import { displayWidth, padEnd, shortenCode } from '../codeText';

const NAME_WIDTH = 28;
const PROSE_WIDTH = 60;
/** More tasks than this do not fit side by side; the schedule lists them one under another. */
const MAX_COLUMNS = 3;

export const lockOrderCard: CardBuilder<LockOrderFacts> = (facts, finding, code) => {
  const blocks = facts.kind === 'same-class' ? sameClassBlocks(facts, code) : cycleBlocks(facts, code);
  blocks.push(
    { kind: 'heading', text: l10n.t('The fix') },
    ...fixBlocks(
      facts,
      code,
      finding.fixes.some((fix) => fix.isPreferred),
    ),
  );
  if (facts.kind === 'same-class') {
    return {
      title: l10n.t('These two locks of one class can deadlock'),
      gist: l10n.t('Two cooks grab the same two cutting boards in opposite orders, and each holds what the other needs.'),
      remedy: l10n.t('Take the two locks in an order that does not depend on the arguments, such as by id.'),
      blocks,
      ruleId: finding.ruleId,
    };
  }
  return {
    title: l10n.t('These locks can deadlock'),
    gist: l10n.t('Cook A holds the cutting board and waits for the sink; cook B holds the sink and waits for the cutting board.'),
    remedy: l10n.t('Take {0} and {1} in one order everywhere.', lockName(facts.locks[0], code), lockName(facts.locks[1], code)),
    blocks,
    ruleId: finding.ruleId,
  };
};

function cycleBlocks(facts: LockOrderFacts, code: CodeSpan): Block[] {
  const blocks: Block[] = [
    {
      kind: 'analogy',
      text: l10n.t(
        'Cook A holds the cutting board and waits for the sink; cook B holds the sink and waits for the cutting board. Neither lets go, so the kitchen stops for good: only the carrots and the clean plates keep piling up.',
      ),
    },
    { kind: 'list', items: facts.tasks.map((task) => describeTask(task, code)) },
    {
      kind: 'paragraph',
      text:
        facts.tasks.length === 2
          ? l10n.t(
              'If both run at once, each can end up holding one lock and waiting for the other. Neither ever finishes, and everything else that needs {0} or {1} waits behind them.',
              lockName(facts.locks[0], code),
              lockName(facts.locks[1], code),
            )
          : l10n.t(
              'The {0} locks form a circle. If these tasks run at once, each can end up holding one lock and waiting for the next one: none of them ever finishes.',
              facts.locks.length,
            ),
    },
    { kind: 'paragraph', text: l10n.t('How it hangs:') },
    scheduleBlock(facts.tasks.map((task) => ({ title: callLabel(task.function), holds: task.holds, waitsFor: task.waitsFor }))),
    { kind: 'paragraph', text: l10n.t('The locks and the order they are taken in:') },
    { kind: 'picture', lines: cyclePicture(facts.locks) },
  ];
  return blocks;
}

function sameClassBlocks(facts: LockOrderFacts, code: CodeSpan): Block[] {
  const [first, second] = facts.locks;
  const task = facts.tasks[0];
  return [
    {
      kind: 'analogy',
      text: l10n.t(
        'Two cooks each need the same two cutting boards. One grabs board A and reaches for board B; the other grabs board B and reaches for board A. Each holds what the other needs, and neither lets go.',
      ),
    },
    {
      kind: 'paragraph',
      text: l10n.t(
        '{0} takes {1} and then {2}, two locks of the class {3}. Which object comes first depends on the arguments, so one call can take A then B while another takes B then A.',
        code(callLabel(task.function)),
        code(first),
        code(second),
        code(facts.lockClass ?? first),
      ),
    },
    { kind: 'paragraph', text: l10n.t('How two calls with the objects swapped hang:') },
    scheduleBlock([
      { title: withArguments(task.function, 'A, B'), holds: `${first} (A)`, waitsFor: `${second} (B)` },
      { title: withArguments(task.function, 'B, A'), holds: `${first} (B)`, waitsFor: `${second} (A)` },
    ]),
  ];
}

function fixBlocks(facts: LockOrderFacts, code: CodeSpan, hasQuickFix: boolean): Block[] {
  if (facts.kind === 'same-class') {
    const [first, second] = facts.locks;
    const a = ownerOf(first);
    const b = ownerOf(second);
    const property = first.slice(first.lastIndexOf('.') + 1);
    const blocks: Block[] = [
      {
        kind: 'paragraph',
        text: l10n.t(
          'Give the two locks one order that does not depend on the arguments: take the lock of the object with the smaller key first (an id, for example).',
        ),
      },
      {
        kind: 'code',
        language: 'ts',
        lines: [
          `const [first, second] = ${a}.id <= ${b}.id ? [${a}, ${b}] : [${b}, ${a}];`,
          `// ${l10n.t('take {0}, then {1}', `first.${property}`, `second.${property}`)}`,
        ],
      },
    ];
    if (hasQuickFix) blocks.push({ kind: 'paragraph', text: l10n.t('The quick fix makes this change for you.') });
    else
      blocks.push({ kind: 'paragraph', text: l10n.t('Where the objects have no obvious key, the quick fix inserts this with the key left for you to pick.') });
    return blocks;
  }
  const [held, taken] = facts.locks;
  const blocks: Block[] = [
    {
      kind: 'list',
      items: [
        l10n.t(
          'Take shared locks in one order everywhere, the way every cook takes the board first and then the sink: for example always {0} before {1}.',
          lockName(held, code),
          lockName(taken, code),
        ),
        l10n.t('Or release one lock before taking the next, so no task ever holds one while it waits for another.'),
        l10n.t('Or guard the data with a single lock, so there is nothing to take in the wrong order.'),
      ],
    },
  ];
  if (hasQuickFix && facts.fixedOrder) {
    blocks.push({
      kind: 'paragraph',
      text: l10n.t(
        'The quick fix takes {0} before {1} here, the order the rest of the workspace already uses.',
        lockName(facts.fixedOrder[0], code),
        lockName(facts.fixedOrder[1], code),
      ),
    });
  }
  return blocks;
}

function describeTask(task: LockTask, code: CodeSpan): string {
  const fn = code(callLabel(task.function));
  if (task.through.length === 0) return l10n.t('{0} takes {1}, then waits for {2}.', fn, lockName(task.holds, code), lockName(task.waitsFor, code));
  const calls = code(shortenCode(task.through.map(callLabel).join(' → '), PROSE_WIDTH));
  return l10n.t('{0} takes {1}, then calls {2}, which waits for {3}.', fn, lockName(task.holds, code), calls, lockName(task.waitsFor, code));
}

function lockName(name: string, code: CodeSpan): string {
  return code(shortenCode(name, PROSE_WIDTH));
}

function callLabel(name: string): string {
  return name.startsWith('(') ? name : `${name}()`;
}

/** `transfer(A, B)`: the call with the two objects in a given order. */
function withArguments(name: string, args: string): string {
  return name.startsWith('(') ? `${name} ${args}` : `${name}(${args})`;
}

/** `from.lock` → `from`. */
function ownerOf(lock: string): string {
  const dot = lock.lastIndexOf('.');
  return dot > 0 ? lock.slice(0, dot) : lock;
}

interface ScheduledTask {
  title: string;
  holds: string;
  waitsFor: string;
}

/** The schedule as a card block: the text columns, and one lane per task drawn for the Kitchen view when they fit. */
function scheduleBlock(tasks: readonly ScheduledTask[]): Block {
  const lines = schedule(tasks);
  if (tasks.length > MAX_COLUMNS) return { kind: 'picture', lines };
  const steps = [
    ...tasks.map((task, lane) => ({ lane, text: l10n.t('takes {0}', shortenCode(task.holds, NAME_WIDTH)) })),
    ...tasks.map((task, lane) => ({ lane, text: l10n.t('waits for {0}', shortenCode(task.waitsFor, NAME_WIDTH)), wait: true as const })),
  ];
  const lanes = tasks.map((task, index) => `${l10n.t('Task {0}', index + 1)}: ${shortenCode(task.title, NAME_WIDTH)}`);
  return { kind: 'picture', lines, drawing: { kind: 'schedule', lanes, steps, stuck: l10n.t('(stuck)') } };
}

/**
 * The interleaving that hangs: every task takes its first lock, then every task waits for
 * the lock the next one holds. One column per task, time going down.
 */
export function schedule(tasks: readonly ScheduledTask[]): string[] {
  const headers = tasks.map((task, index) => `${l10n.t('Task {0}', index + 1)}: ${shortenCode(task.title, NAME_WIDTH)}`);
  const takes = tasks.map((task) => l10n.t('takes {0}', shortenCode(task.holds, NAME_WIDTH)));
  const waits = tasks.map((task) => l10n.t('waits for {0}', shortenCode(task.waitsFor, NAME_WIDTH)));
  const stuck = l10n.t('(stuck)');
  if (tasks.length > MAX_COLUMNS) {
    return [
      ...tasks.map((_, i) => `${i + 1}. ${headers[i]}: ${takes[i]}`),
      ...tasks.map((_, i) => `${tasks.length + i + 1}. ${headers[i]}: ${waits[i]} ${stuck}`),
    ];
  }
  const width = Math.max(...[...headers, ...takes, ...waits, stuck].map(displayWidth)) + 3;
  const stepWidth = String(tasks.length * 2).length + 2;
  const row = (step: string, cells: readonly string[]): string =>
    `${padEnd(step, stepWidth)}${cells.map((cell, i) => (i === cells.length - 1 ? cell : padEnd(cell, width))).join('')}`.trimEnd();
  const only = (index: number, text: string): string[] => tasks.map((_, i) => (i === index ? text : ''));
  return [
    row('', headers),
    ...tasks.map((_, i) => row(`${i + 1}`, only(i, takes[i]))),
    ...tasks.map((_, i) => row(`${tasks.length + i + 1}`, only(i, waits[i]))),
    row(
      '',
      tasks.map(() => stuck),
    ),
  ];
}

/**
 * The locks in a circle, in ASCII so it stays aligned in any terminal:
 *
 *     ledgerLock --> auditLock
 *         ^              |
 *         +--------------+
 */
export function cyclePicture(locks: readonly string[]): string[] {
  const names = locks.map((lock) => shortenCode(lock, NAME_WIDTH));
  const top = names.join(' --> ');
  const first = Math.floor(displayWidth(names[0]) / 2);
  const last = displayWidth(top) - Math.ceil(displayWidth(names[names.length - 1]) / 2);
  const gap = Math.max(1, last - first - 1);
  return [top, `${' '.repeat(first)}^${' '.repeat(gap)}|`, `${' '.repeat(first)}+${'-'.repeat(gap)}+`];
}
