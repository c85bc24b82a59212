// A rule whose whole-program facts cannot be built (`prepare` throws) says so as a problem
// of the file, checks nothing, and does not make the suppressions of its findings look unused.
import * as assert from 'node:assert/strict';
import { Project } from 'ts-morph';
import { allRules, analyzeFile, defaultSettings } from '../../src/core';

const CODE = `
import { Mutex } from 'async-mutex';
const a = new Mutex();
const b = new Mutex();
export async function first() {
  // kitchen-sync-disable-next-line lock-order -- taken in this order on purpose
  await a.runExclusive(() => b.runExclusive(async () => {}));
}
export async function second() {
  await b.runExclusive(() => a.runExclusive(async () => {}));
}
`;

describe('a rule that cannot read the project', () => {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, target: 99 } });
  project.createSourceFile('/node_modules/async-mutex/index.d.ts', 'export declare class Mutex { runExclusive<T>(fn: () => T | Promise<T>): Promise<T>; }');
  const sourceFile = project.createSourceFile('/locks.ts', CODE);
  const rule = allRules.find((r) => r.meta.id === 'lock-order');

  it('reports its failure, checks nothing, and leaves the directive alone', () => {
    assert.ok(rule?.prepare, 'lock-order builds whole-program facts');
    const prepare = rule.prepare;
    rule.prepare = () => {
      throw new Error('planted failure');
    };
    try {
      const { findings, problems } = analyzeFile(sourceFile, defaultSettings());
      assert.deepEqual(
        problems.map((p) => [p.kind, p.message]),
        [['internal', 'Rule lock-order could not read the project: planted failure']],
      );
      assert.deepEqual(
        findings.map((f) => f.ruleId),
        [],
      );
    } finally {
      rule.prepare = prepare;
    }
  });

  it('finds the cycle, and the directive suppresses it, once prepare works again', () => {
    const { findings, problems } = analyzeFile(sourceFile, defaultSettings());
    assert.deepEqual(problems, []);
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      [],
    );
    const unsuppressed = analyzeFile(project.createSourceFile('/locks-plain.ts', CODE.replace(/^.*kitchen-sync-disable.*$/m, '')), defaultSettings());
    assert.deepEqual(
      unsuppressed.findings.map((f) => f.ruleId),
      ['lock-order'],
    );
  });
});
