// Related locations that tell how each side of a deadlock gets there, as lockdep prints two
// stack traces and Infer prints "Trace 1 / Trace 2": for every task, where it takes the lock
// it holds, then each call down to where it waits for the next one. Each location says so
// in words, because CI shows them (SARIF `relatedLocations`) one by one.
import type { RelatedLocation } from '../finding';
import type { LockTask } from '../explanationFacts';
import type { NestingSite } from './lockGraph';
import type { LockRef } from './lockIdentity';
import type { ChainStep } from './transitiveSummaries';

/** `transfer()`; a name that is already a description, such as `(top level of bank.ts)`, stays as it is. */
export function callName(name: string): string {
  return name.startsWith('(') ? name : `${name}()`;
}

/**
 * The steps of one task: taking the lock it holds, then reaching the lock it waits for.
 * `skipFirstWait` leaves out the step the finding itself underlines.
 */
export function taskTrace(label: string, site: NestingSite, skipFirstWait: boolean): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  const held = site.from.name;
  site.held.chain.forEach((step) => {
    out.push(related(step, step.action === 'takes' ? `${label}: ${callName(step.fn)} takes ${held} here.` : `${label}: ${callName(step.fn)} calls ${callName(step.callee ?? '')}, which takes ${held}.`));
  });
  site.chain.forEach((step, index) => {
    if (index === 0 && skipFirstWait) return;
    const message =
      step.action === 'takes'
        ? `${label}: ${callName(step.fn)} waits here for ${site.to.name}, still holding ${held}.`
        : `${label}: ${callName(step.fn)} calls ${callName(step.callee ?? '')} here, still holding ${held}.`;
    out.push(related(step, message));
  });
  return out;
}

function related(step: ChainStep, message: string): RelatedLocation {
  return { file: step.site.file, range: step.site.range, message };
}

/** The task as a card shows it: the function, the lock it holds, the lock it waits for, the calls between. */
export function taskFacts(site: NestingSite): LockTask {
  return {
    function: site.fn,
    holds: site.from.name,
    waitsFor: site.to.name,
    through: site.chain.filter((step) => step.action === 'calls').map((step) => step.callee ?? ''),
  };
}

/**
 * A lock as the function at hand would write it: `to.lock` for `Account.lock` on its
 * second parameter `to`, `this.lock` on its receiver; the class name when no name fits.
 */
export function lockText(lock: LockRef, params: readonly string[]): string {
  const [head, ...members] = lock.instance.split('|');
  let owner: string | undefined;
  if (head === 'this') owner = 'this';
  else if (head.startsWith('param:')) owner = params[Number(head.slice('param:'.length))];
  else if (head.startsWith('var:') || head.startsWith('local:')) owner = head.slice(head.indexOf('#') + 1).replace(/@\d+/g, '').split(/[/.]/).pop();
  if (!owner || !/^[\w$]+$/.test(owner)) return lock.name;
  const property = lock.name.slice(lock.name.lastIndexOf('.') + 1);
  return [owner, ...members, property].join('.');
}
