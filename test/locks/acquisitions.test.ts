import * as assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { withDefaults, type AnalyzerSettings } from '../../src/core';
import { recognizeLockCall } from '../../src/core/locks/acquisitions';
import { lockContextFor } from '../../src/core/locks/lockAnalysis';
import { lockRefOf } from '../../src/core/locks/lockIdentity';
import { isFunctionNode } from '../../src/core/locks/resolution';
import { lockProject } from './lockProjects';

interface Recognised {
  kind: string;
  name?: string;
  instance?: string;
  lockKind?: string;
  exclusive?: boolean;
  blocking?: boolean;
  timeout?: boolean;
}

// One project for every case (each in its own folder): loading the package types once keeps this quick.
const workspace = lockProject({}, { withTypes: true });
let cases = 0;

/** What the analysis makes of the call whose text starts with `callText` in `code`. */
function recognise(
  code: string,
  callText: string,
  locks?: Partial<AnalyzerSettings['locks']>,
  extraFiles: Record<string, string> = {},
): Recognised | undefined {
  const folder = `case${++cases}`;
  for (const [name, text] of Object.entries({ 'case.ts': code, ...extraFiles })) workspace.project.createSourceFile(workspace.path(`${folder}/${name}`), text);
  const settings = withDefaults({ locks: { acquireMethods: [], releaseMethods: [], runExclusiveMethods: [], ...locks } });
  const ctx = lockContextFor(workspace.project, settings);
  const file = workspace.project.getSourceFileOrThrow(workspace.path(`${folder}/case.ts`)).compilerNode;
  let call: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (!call && ts.isCallExpression(node) && node.getText().startsWith(callText)) call = node;
    ts.forEachChild(node, visit);
  };
  visit(file);
  assert.ok(call, `no call starting with ${callText}`);
  const operation = recognizeLockCall(call, ctx);
  if (!operation) return undefined;
  let frame: ts.Node = call;
  while (!ts.isSourceFile(frame) && !isFunctionNode(frame)) frame = frame.parent;
  const options = operation.kind === 'scoped' ? operation.options : undefined;
  const lock = lockRefOf(operation.target, frame, ctx, options);
  return {
    kind: operation.kind,
    name: lock?.name,
    instance: lock?.instance.replace(/[^|]*#/, '#'),
    lockKind: lock?.kind,
    exclusive: lock?.exclusive,
    blocking: lock?.blocking,
    timeout: lock?.timeout,
  };
}

const MUTEX = `import { Mutex, Semaphore, withTimeout, tryAcquire, type MutexInterface } from 'async-mutex';\ndeclare function work(): Promise<void>;\n`;
const plainMutex = { lockKind: 'mutex', exclusive: true, blocking: true, timeout: false };

describe('recognising lock acquisitions', () => {
  describe('async-mutex, through the type checker', () => {
    it('acquire() on a module-level Mutex', () => {
      assert.deepEqual(
        recognise(`${MUTEX}const ledger = new Mutex();\nexport async function f() { const release = await ledger.acquire(); release(); }`, 'ledger.acquire'),
        {
          kind: 'acquire',
          name: 'ledger',
          instance: 'static',
          ...plainMutex,
        },
      );
    });

    it('release() and runExclusive()', () => {
      const code = `${MUTEX}const ledger = new Mutex();\nexport async function f() { await ledger.runExclusive(work); ledger.release(); }`;
      assert.equal(recognise(code, 'ledger.runExclusive')?.kind, 'scoped');
      assert.equal(recognise(code, 'ledger.release')?.kind, 'release');
    });

    it('a Semaphore: exclusive only with a single permit', () => {
      const code = `${MUTEX}const one = new Semaphore(1);\nconst three = new Semaphore(3);\nexport async function f() { await one.acquire(); await three.acquire(); }`;
      assert.deepEqual(recognise(code, 'one.acquire'), {
        kind: 'acquire',
        name: 'one',
        instance: 'static',
        lockKind: 'semaphore',
        exclusive: true,
        blocking: true,
        timeout: false,
      });
      assert.equal(recognise(code, 'three.acquire')?.exclusive, false);
    });

    it('withTimeout and tryAcquire views of a lock are that lock, waiting differently', () => {
      const code = `${MUTEX}const ledger = new Mutex();\nconst slow = withTimeout(ledger, 10);\nexport async function f() { await slow.acquire(); await tryAcquire(ledger).acquire(); }`;
      assert.deepEqual(recognise(code, 'slow.acquire'), { kind: 'acquire', name: 'ledger', instance: 'static', ...plainMutex, timeout: true });
      assert.deepEqual(recognise(code, 'tryAcquire(ledger).acquire'), { kind: 'acquire', name: 'ledger', instance: 'static', ...plainMutex, blocking: false });
    });

    it('a subclass of Mutex and a MutexInterface-typed property', () => {
      const code = `${MUTEX}class LedgerLock extends Mutex {}\nclass Bank { constructor(private readonly lock: MutexInterface) {}\n async f() { await this.lock.acquire(); } }\nconst ledger = new LedgerLock();\nexport async function g() { await ledger.acquire(); }`;
      assert.deepEqual(recognise(code, 'this.lock.acquire'), { kind: 'acquire', name: 'Bank.lock', instance: 'this', ...plainMutex });
      assert.equal(recognise(code, 'ledger.acquire')?.name, 'ledger');
    });

    it('not a user class that happens to have an acquire method', () => {
      assert.equal(recognise(`class Pool { acquire() { return 1; } }\nconst pool = new Pool();\nexport const n = pool.acquire();`, 'pool.acquire'), undefined);
    });
  });

  describe("a project's own locks, by shape and type", () => {
    it('an acquire() that resolves to its release function is a mutex', () => {
      const code = `class MutexLock { async acquire(): Promise<() => void> { return () => undefined; } }\nconst ledger = new MutexLock();\nexport async function f() { const release = await ledger.acquire(); release(); }`;
      assert.deepEqual(recognise(code, 'ledger.acquire'), { kind: 'acquire', name: 'ledger', instance: 'static', ...plainMutex });
    });

    it('acquire()/release() is one holder for a Semaphore of one permit, several for a limiter of unknown size', () => {
      const code = `class Semaphore { constructor(private n: number) {}\n async acquire(): Promise<void> {}\n release(): void {} }\nclass Limiter { async acquire(): Promise<void> {}\n release(): void {} }\nconst gate = new Semaphore(1);\nconst limiter = new Limiter();\nexport async function f() { await gate.acquire(); gate.release(); await limiter.acquire(); limiter.release(); }`;
      assert.deepEqual(recognise(code, 'gate.acquire'), {
        kind: 'acquire',
        name: 'gate',
        instance: 'static',
        lockKind: 'semaphore',
        exclusive: true,
        blocking: true,
        timeout: false,
      });
      assert.equal(recognise(code, 'gate.release')?.kind, 'release');
      assert.equal(recognise(code, 'limiter.acquire')?.exclusive, false);
    });

    it('not a pool, whose acquire() resolves to a resource and whose release() takes it back', () => {
      const code = `interface Pool { acquire(): Promise<{ id: number }>; release(c: { id: number }): void }\ndeclare const pool: Pool;\nexport async function f() { const c = await pool.acquire(); pool.release(c); }`;
      assert.equal(recognise(code, 'pool.acquire'), undefined);
      assert.equal(recognise(code, 'pool.release'), undefined);
    });

    it('an abstract acquire() makes the object itself the lock', () => {
      const code = `export abstract class Store { abstract acquire(): Promise<() => void>;\n async f() { const release = await this.acquire(); release(); } }`;
      assert.deepEqual(recognise(code, 'this.acquire'), { kind: 'acquire', name: 'Store', instance: 'this', ...plainMutex });
    });

    it('a function-typed field that runs a callback under a lock', () => {
      const code = `export class Settings { private lock!: <T>(fn: () => Promise<T>) => Promise<T>;\n async f() { await this.lock(async () => 1); } }`;
      assert.deepEqual(recognise(code, 'this.lock'), { kind: 'scoped', name: 'Settings.lock', instance: 'this', ...plainMutex });
    });
  });

  describe('lock identity', () => {
    it('every Account.lock is one class; the instance says whose', () => {
      const code = `${MUTEX}export class Account { readonly lock = new Mutex(); }\nexport async function move(from: Account, to: Account) { await from.lock.acquire(); await to.lock.acquire(); }`;
      assert.deepEqual(recognise(code, 'from.lock.acquire'), { kind: 'acquire', name: 'Account.lock', instance: 'param:0', ...plainMutex });
      assert.deepEqual(recognise(code, 'to.lock.acquire'), { kind: 'acquire', name: 'Account.lock', instance: 'param:1', ...plainMutex });
    });

    it('a static member and a module-level object literal are single locks', () => {
      const code = `${MUTEX}class Registry { static lock = new Mutex(); }\nconst locks = { audit: new Mutex() };\nexport async function f() { await Registry.lock.acquire(); await locks.audit.acquire(); }`;
      assert.deepEqual(recognise(code, 'Registry.lock.acquire'), { kind: 'acquire', name: 'Registry.lock', instance: 'static', ...plainMutex });
      assert.equal(recognise(code, 'locks.audit.acquire')?.name, 'locks.audit');
    });

    it('follows imports, re-exports under another name, and const aliases to the declaration', () => {
      const code = `import { journal } from './reexport';\nexport async function f() { const j = journal; await j.acquire(); }`;
      const files = {
        'locks.ts': `import { Mutex } from 'async-mutex';\nexport const auditLock = new Mutex();`,
        'reexport.ts': `export { auditLock as journal } from './locks';`,
      };
      assert.deepEqual(recognise(code, 'j.acquire', undefined, files), { kind: 'acquire', name: 'auditLock', instance: 'static', ...plainMutex });
    });
  });

  describe('Web Locks', () => {
    it('navigator.locks.request with a literal name, and with a constant', () => {
      const code = `export {};\nconst LEDGER = 'ledger';\nexport async function f() { await navigator.locks.request('ledger', async () => 1); await window.navigator.locks.request(LEDGER, { mode: 'exclusive' }, async () => 1); }`;
      const expected = { kind: 'scoped', name: "'ledger'", instance: 'static', lockKind: 'web-lock', exclusive: true, blocking: true, timeout: false };
      assert.deepEqual(recognise(code, 'navigator.locks.request'), expected);
      assert.deepEqual(recognise(code, 'window.navigator.locks.request'), expected);
    });

    it('shared mode, ifAvailable and steal do not wait like an exclusive request', () => {
      const code = `export {};\nexport async function f() { await navigator.locks.request('a', { mode: 'shared' }, async () => 1); await navigator.locks.request('b', { ifAvailable: true }, async () => 1); }`;
      assert.equal(recognise(code, "navigator.locks.request('a'")?.exclusive, false);
      assert.equal(recognise(code, "navigator.locks.request('b'")?.blocking, false);
    });

    it('a name built from a template is one class of many locks', () => {
      const code = 'export async function f(id: string) { await navigator.locks.request(`account:${id}`, async () => 1); }';
      assert.deepEqual(recognise(code, 'navigator.locks.request'), {
        kind: 'scoped',
        name: '`account:${…}`',
        instance: 'unknown',
        lockKind: 'web-lock',
        exclusive: true,
        blocking: true,
        timeout: false,
      });
    });
  });

  describe('configured methods and helpers', () => {
    it('kitchenSync.locks.* names, with or without a module', () => {
      const code = `import Redlock from 'redlock';\ndeclare const redlock: Redlock;\ndeclare const db: { lockRow(key: string): Promise<void>; unlockRow(key: string): Promise<void> };\nexport async function f() { await db.lockRow('orders'); await db.unlockRow('orders'); await redlock.using('prices', async () => 1); }`;
      const locks = { acquireMethods: ['lockRow'], releaseMethods: ['unlockRow'], runExclusiveMethods: ['redlock#using'] };
      assert.deepEqual(recognise(code, 'db.lockRow', locks), {
        kind: 'acquire',
        name: "'orders'",
        instance: 'static',
        lockKind: 'custom',
        exclusive: true,
        blocking: true,
        timeout: false,
      });
      assert.equal(recognise(code, 'db.unlockRow', locks)?.kind, 'release');
      assert.deepEqual(recognise(code, 'redlock.using', locks), {
        kind: 'scoped',
        name: "'prices'",
        instance: 'static',
        lockKind: 'custom',
        exclusive: true,
        blocking: true,
        timeout: false,
      });
      assert.equal(recognise(code, 'redlock.using', { ...locks, runExclusiveMethods: ['other-module#using'] }), undefined);
    });

    it('a user function that returns an acquisition takes that lock at its call sites', () => {
      const code = `${MUTEX}class Vault { private readonly lock = new Mutex();\n lockIt() { return this.lock.acquire(); } }\nexport async function f(vault: Vault) { const release = await vault.lockIt(); release(); }`;
      assert.deepEqual(recognise(code, 'vault.lockIt'), { kind: 'acquire', name: 'Vault.lock', instance: 'param:0', ...plainMutex });
    });
  });
});
