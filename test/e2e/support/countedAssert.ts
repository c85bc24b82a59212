// node:assert/strict, counting every assertion made so each suite can report how many
// it checked (a suite that checks little should not look like one that checks a lot).
import * as strict from 'node:assert/strict';

let count = 0;

/** Assertions made so far in this process. */
export function assertionCount(): number {
  return count;
}

function counted<F extends (...args: never[]) => unknown>(assertion: F): F {
  return ((...args: Parameters<F>) => {
    count++;
    return assertion(...args);
  }) as F;
}

export const equal: typeof strict.equal = counted(strict.equal);
export const notEqual: typeof strict.notEqual = counted(strict.notEqual);
export const deepEqual: typeof strict.deepEqual = counted(strict.deepEqual);
export const ok: typeof strict.ok = counted(strict.ok);
export const match: typeof strict.match = counted(strict.match);
export const doesNotMatch: typeof strict.doesNotMatch = counted(strict.doesNotMatch);
export const fail: typeof strict.fail = counted(strict.fail);
