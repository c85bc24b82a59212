// Related locations that tell how each side of a deadlock gets there, as lockdep prints two
// stack traces and Infer prints "Trace 1 / Trace 2": for every task, where it takes the lock
// it holds, then each call down to where it waits for the next one. Each location says so
// in words, because CI shows them (SARIF `relatedLocations`) one by one.
import type { RelatedLocation } from '../finding';
import type { LockTask } from '../explanationFacts';
import { relatedMessage, type RelatedMessage } from '../templateText';
import type { NestingSite } from './lockGraph';
import type { LockRef } from './lockIdentity';
import type { ChainStep } from './transitiveSummaries';

/** `transfer()`; a name that is already a description, such as `(top level of bank.ts)`, stays as it is. */
export function callName(name: string): string {
  return name.startsWith('(') ? name : `${name}()`;
}

/**
 * The steps of one task: taking the lock it holds, then reaching the lock it waits for.
 * `task` numbers the task ("Task 2: ..."); without one, the steps are "This call"'s.
 * `skipFirstWait` leaves out the step the finding itself underlines.
 */
export function taskTrace(task: number | undefined, site: NestingSite, skipFirstWait: boolean): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  const held = site.from.name;
  site.held.chain.forEach((step) => {
    out.push(related(step, step.action === 'takes' ? takesMessage(task, step, held) : callsTakingMessage(task, step, held)));
  });
  site.chain.forEach((step, index) => {
    if (index === 0 && skipFirstWait) return;
    out.push(related(step, step.action === 'takes' ? waitsMessage(task, step, held, site.to.name) : callsHoldingMessage(task, step, held)));
  });
  return out;
}

function takesMessage(task: number | undefined, step: ChainStep, lock: string): RelatedMessage {
  const data = { task: String(task), function: callName(step.fn), lock };
  return task === undefined
    ? relatedMessage('This call: {function} takes {lock} here.', data)
    : relatedMessage('Task {task}: {function} takes {lock} here.', data);
}

function callsTakingMessage(task: number | undefined, step: ChainStep, lock: string): RelatedMessage {
  const data = { task: String(task), function: callName(step.fn), callee: callName(step.callee ?? ''), lock };
  return task === undefined
    ? relatedMessage('This call: {function} calls {callee}, which takes {lock}.', data)
    : relatedMessage('Task {task}: {function} calls {callee}, which takes {lock}.', data);
}

function waitsMessage(task: number | undefined, step: ChainStep, lock: string, waitsFor: string): RelatedMessage {
  const data = { task: String(task), function: callName(step.fn), lock, waitsFor };
  return task === undefined
    ? relatedMessage('This call: {function} waits here for {waitsFor}, still holding {lock}.', data)
    : relatedMessage('Task {task}: {function} waits here for {waitsFor}, still holding {lock}.', data);
}

function callsHoldingMessage(task: number | undefined, step: ChainStep, lock: string): RelatedMessage {
  const data = { task: String(task), function: callName(step.fn), callee: callName(step.callee ?? ''), lock };
  return task === undefined
    ? relatedMessage('This call: {function} calls {callee} here, still holding {lock}.', data)
    : relatedMessage('Task {task}: {function} calls {callee} here, still holding {lock}.', data);
}

function related(step: ChainStep, message: RelatedMessage): RelatedLocation {
  return { file: step.site.file, range: step.site.range, ...message };
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
  else if (head.startsWith('var:') || head.startsWith('local:'))
    owner = head
      .slice(head.indexOf('#') + 1)
      .replace(/@\d+/g, '')
      .split(/[/.]/)
      .pop();
  if (!owner || !/^[\w$]+$/.test(owner)) return lock.name;
  if (lock.self) return [owner, ...members].join('.');
  const property = lock.name.slice(lock.name.lastIndexOf('.') + 1);
  return [owner, ...members, property].join('.');
}
