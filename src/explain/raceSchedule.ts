// The schedule both race cards draw: two calls of one function, one column per task, each
// making its first step and starting to wait before either comes back to finish. The steps
// are in the user's names; only what each task does differs between the cards.
import * as l10n from '@vscode/l10n';
import type { Block } from './card';
import { displayWidth, padEnd, shortenCode } from './codeText';

const CELL_WIDTH = 30;

export interface RaceSteps {
  /** What each task does before it waits: `reads this.balance: 100`, `checks cache.has(k): missing`. */
  before: string;
  /** `waits for audit(amount)`. */
  waits: string;
  /** What each task does when it comes back: `writes this.balance: 90`. */
  after: string;
}

/**
 * Task 1 steps and waits, task 2 steps and waits, then both finish: six numbered rows under
 * two headers, and the same as a two-lane drawing for the Kitchen view.
 */
export function raceSchedule(functionLabel: string, steps: RaceSteps): Block {
  const header = (task: number): string => `${l10n.t('Task {0}', task)}: ${shortenCode(functionLabel, CELL_WIDTH - 8)}`;
  const order: Array<{ lane: number; text: string; wait?: true }> = [
    { lane: 0, text: steps.before },
    { lane: 0, text: steps.waits, wait: true },
    { lane: 1, text: steps.before },
    { lane: 1, text: steps.waits, wait: true },
    { lane: 0, text: steps.after },
    { lane: 1, text: steps.after },
  ];
  const width = Math.max(...[header(1), steps.before, steps.waits, steps.after].map(displayWidth)) + 3;
  const row = (step: string, cells: readonly string[]): string => `${padEnd(step, 4)}${padEnd(cells[0], width)}${cells[1]}`.trimEnd();
  return {
    kind: 'picture',
    lines: [row('', [header(1), header(2)]), ...order.map(({ lane, text }, index) => row(String(index + 1), lane === 0 ? [text, ''] : ['', text]))],
    drawing: { kind: 'schedule', lanes: [header(1), header(2)], steps: order },
  };
}

/** `Account.withdraw()` for a method, `(anonymous function)` as it is. */
export function callLabel(name: string): string {
  return name.startsWith('(') ? name : `${name}()`;
}
