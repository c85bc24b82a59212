import * as assert from 'node:assert/strict';
import { withDefaults } from '../../src/core';
import { lockAnalysisFor } from '../../src/core/locks/lockAnalysis';
import { lockProject, positions } from './lockProjects';

const LOCKS = `
import { Mutex } from 'async-mutex';
export const boardLock = new Mutex();
export const sinkLock = new Mutex();
`;

const CUT = `
import { boardLock, sinkLock } from './locks';
export async function cut(): Promise<void> {
  await boardLock.runExclusive(async () => {
    await sinkLock.runExclusive(() => undefined);
  });
}
`;

const WASH_SAME_ORDER = `
import { boardLock, sinkLock } from './locks';
export async function wash(): Promise<void> {
  await boardLock.runExclusive(async () => {
    await sinkLock.runExclusive(() => undefined);
  });
}
`;

const WASH_REVERSED = WASH_SAME_ORDER.replace('boardLock.runExclusive(async', 'sinkLock.runExclusive(async').replace(
  'sinkLock.runExclusive(() =>',
  'boardLock.runExclusive(() =>',
);

const UNRELATED = `
export function add(a: number, b: number): number {
  return a + b;
}
`;

describe('lock analysis of a whole project', () => {
  it('is built once per version of the program and shared by every file and rule', () => {
    const { project } = lockProject({ 'locks.ts': LOCKS, 'cut.ts': CUT }, { withTypes: true });
    const settings = withDefaults(undefined);
    const first = lockAnalysisFor(project, settings);
    assert.equal(lockAnalysisFor(project, settings), first);
    assert.equal(first.summarised.length, 2);
  });

  it('re-summarises only the edited file when nothing else reads it', () => {
    const workspace = lockProject({ 'locks.ts': LOCKS, 'cut.ts': CUT, 'wash.ts': WASH_SAME_ORDER, 'math.ts': UNRELATED }, { withTypes: true });
    const settings = withDefaults(undefined);
    lockAnalysisFor(workspace.project, settings);
    workspace.project.getSourceFileOrThrow(workspace.path('math.ts')).replaceWithText(UNRELATED.replace('a + b', 'b + a'));
    assert.deepEqual(lockAnalysisFor(workspace.project, settings).summarised, [workspace.path('math.ts')]);
  });

  it('re-summarises only the edited file when the edit is inside a function body that other files call', () => {
    const workspace = lockProject(
      { 'locks.ts': LOCKS, 'cut.ts': CUT, 'wash.ts': WASH_SAME_ORDER, 'serve.ts': `import { cut } from './cut';\nexport const serve = () => cut();\n` },
      { withTypes: true },
    );
    const settings = withDefaults(undefined);
    lockAnalysisFor(workspace.project, settings);
    const cut = workspace.project.getSourceFileOrThrow(workspace.path('cut.ts'));
    cut.replaceWithText(CUT.replace('() => undefined', '() => 42'));
    assert.deepEqual(lockAnalysisFor(workspace.project, settings).summarised, [workspace.path('cut.ts')]);
  });

  it('also re-summarises the files that read declarations of the edited one', () => {
    const workspace = lockProject({ 'locks.ts': LOCKS, 'cut.ts': CUT, 'wash.ts': WASH_SAME_ORDER, 'math.ts': UNRELATED }, { withTypes: true });
    const settings = withDefaults(undefined);
    lockAnalysisFor(workspace.project, settings);
    workspace.project.getSourceFileOrThrow(workspace.path('locks.ts')).replaceWithText(`${LOCKS}\nexport const stoveLock = new Mutex();\n`);
    const summarised = lockAnalysisFor(workspace.project, settings).summarised.sort();
    assert.deepEqual(summarised, ['cut.ts', 'locks.ts', 'wash.ts'].map((file) => workspace.path(file)).sort());
  });

  it('keeps the graph up to date as a file changes: a cycle appears and goes away again', () => {
    const workspace = lockProject({ 'locks.ts': LOCKS, 'cut.ts': CUT, 'wash.ts': WASH_SAME_ORDER }, { withTypes: true });
    assert.deepEqual(workspace.findings('cut.ts', ['lock-order']), []);
    const wash = workspace.project.getSourceFileOrThrow(workspace.path('wash.ts'));
    wash.replaceWithText(WASH_REVERSED);
    assert.deepEqual(positions(workspace.findings('cut.ts', ['lock-order'])), ['lock-order 5:10']);
    // One finding per cycle, with wash.ts's side as related locations.
    assert.deepEqual(positions(workspace.findings('wash.ts', ['lock-order'])), []);
    wash.replaceWithText(WASH_SAME_ORDER);
    assert.deepEqual(workspace.findings('cut.ts', ['lock-order']), []);
  });

  it('summarises nothing in a program that takes no lock, even one whose own classes have an `acquire`', () => {
    const pool = `export class Pool {\n  acquire(): number {\n    return 1;\n  }\n  request(url: string): string {\n    return url;\n  }\n}\nexport const connection = new Pool().acquire() + new Pool().request('/').length;\n`;
    const { project } = lockProject({ 'pool.ts': pool, 'math.ts': UNRELATED }, { withTypes: true });
    const analysis = lockAnalysisFor(project, withDefaults(undefined));
    assert.deepEqual(analysis.summarised, []);
    assert.equal(analysis.graph.nodeOf.size, 0);
  });

  it('summarises the whole program once one file takes a lock, and stops when it no longer does', () => {
    const workspace = lockProject(
      { 'locks.ts': LOCKS, 'math.ts': UNRELATED, 'cut.ts': CUT.replace(/await \w+Lock\.runExclusive\(/g, 'await Promise.resolve().then(') },
      { withTypes: true },
    );
    const settings = withDefaults(undefined);
    assert.deepEqual(lockAnalysisFor(workspace.project, settings).summarised, []);
    const cut = workspace.project.getSourceFileOrThrow(workspace.path('cut.ts'));
    cut.replaceWithText(CUT);
    assert.deepEqual(
      lockAnalysisFor(workspace.project, settings).summarised.sort(),
      ['cut.ts', 'locks.ts', 'math.ts'].map((file) => workspace.path(file)).sort(),
    );
    cut.replaceWithText(UNRELATED);
    assert.deepEqual(lockAnalysisFor(workspace.project, settings).summarised, []);
  });

  it('counts a configured method as taking a lock', () => {
    const { project } = lockProject(
      {
        'lease.ts': `declare function lease(name: string): Promise<() => void>;\nexport async function bake(): Promise<void> {\n  const done = await lease('oven');\n  done();\n}\n`,
      },
      { withTypes: true },
    );
    assert.deepEqual(lockAnalysisFor(project, withDefaults(undefined)).summarised, []);
    assert.equal(
      lockAnalysisFor(project, withDefaults({ locks: { acquireMethods: ['lease'], releaseMethods: [], runExclusiveMethods: [] } })).summarised.length,
      1,
    );
  });

  it('starts over when the lock settings change', () => {
    const { project } = lockProject({ 'locks.ts': LOCKS, 'cut.ts': CUT }, { withTypes: true });
    const before = lockAnalysisFor(project, withDefaults(undefined));
    const after = lockAnalysisFor(project, withDefaults({ locks: { acquireMethods: ['lease'], releaseMethods: [], runExclusiveMethods: [] } }));
    assert.notEqual(after, before);
    assert.equal(after.summarised.length, 2);
  });
});

describe('lock analysis without the package types', () => {
  // No node_modules: `Mutex` has no type, so async-mutex is recognised by where it is imported from.
  const untyped = (files: Record<string, string>) => lockProject(files, { withTypes: false });

  it('finds a cycle between locks created from an unresolved async-mutex import', () => {
    const workspace = untyped({ 'locks.ts': LOCKS, 'cut.ts': CUT, 'wash.ts': WASH_REVERSED });
    assert.deepEqual(positions(workspace.findings('cut.ts', ['lock-order'])), ['lock-order 5:10']);
  });

  it('finds a leak and a re-entry on class properties declared with the imported type', () => {
    const workspace = untyped({
      'till.ts': `
import { Mutex, Semaphore } from 'async-mutex';
declare function charge(): Promise<void>;
export class Till {
  private readonly lock: Mutex;
  private readonly drawers = new Semaphore(1);
  constructor() {
    this.lock = new Mutex();
  }
  async ring(): Promise<void> {
    const release = await this.lock.acquire();
    await charge();
    release();
  }
  async open(): Promise<void> {
    await this.drawers.runExclusive(() => this.drawers.runExclusive(() => charge()));
  }
}
`,
    });
    assert.deepEqual(positions(workspace.findings('till.ts', ['lock-leak', 'lock-reentry'])), ['lock-reentry 16:42', 'lock-leak 11:26']);
  });

  it('recognises namespace imports and requires', () => {
    const workspace = untyped({
      'kitchen.js': `
const { Mutex } = require('async-mutex');
const lock = new Mutex();
async function twice() {
  await lock.runExclusive(() => lock.runExclusive(() => 1));
}
module.exports = { twice };
`,
      'pantry.ts': `
import * as am from 'async-mutex';
const lock = am.withTimeout(new am.Mutex(), 100);
export async function twice(): Promise<void> {
  await lock.runExclusive(() => lock.runExclusive(() => 1));
}
`,
    });
    assert.deepEqual(positions(workspace.findings('kitchen.js', ['lock-reentry'])), ['lock-reentry 5:32']);
    const [pantry] = workspace.findings('pantry.ts', ['lock-reentry']);
    assert.equal(pantry.messageId, 'reentryTimeout');
  });
});
