// Property: whatever happens to a fixture file (lines deleted, duplicated or swapped,
// random tokens inserted, the file cut short), analysing it finishes without throwing and
// without a rule failing, and returns well-formed findings whose preferred fixes apply.
// The run is bounded, and every run takes a fresh seed, printed in the test's title, so the
// property meets new mutations over time: a failure prints the seed and the shrunk mutation
// list; rerun it with KITCHEN_SYNC_PROPERTY_SEED=<seed>.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Project, ts } from 'ts-morph';
import { analyzeFile, withDefaults } from '../../src/core';
import { FIXTURES_ROOT } from '../support/fixtures';
import { assertWellFormed } from './wellFormed';

const NUM_RUNS = 80;
const SEED = Number(process.env.KITCHEN_SYNC_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const TOKENS = [
  'await',
  'async',
  'for',
  'while (true)',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '=>',
  'const x =',
  'return',
  'yield',
  '`${',
  '"',
  "'",
  '/*',
  '*/',
  '//',
  '\\',
  '\r\n',
  '\n',
  '\uFEFF',
  '\u2028',
  '<div>',
  '@',
  '#',
  'Promise.all(',
  'lock.acquire()',
  'readFileSync(',
  '\uD800',
];

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'insert'; at: number; column: number; token: string }
  | { kind: 'truncate'; fraction: number };

function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) && !/\.fixed\.\w+$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(FIXTURES_ROOT);
  return out.sort();
}

function mutate(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const mutation of mutations) {
    const at = (index: number): number => (lines.length === 0 ? 0 : index % lines.length);
    switch (mutation.kind) {
      case 'delete':
        lines.splice(at(mutation.at), 1);
        break;
      case 'duplicate':
        if (lines.length > 0) lines.splice(at(mutation.at), 0, lines[at(mutation.at)]);
        break;
      case 'swap': {
        if (lines.length === 0) break;
        const [a, b] = [at(mutation.at), at(mutation.with)];
        [lines[a], lines[b]] = [lines[b], lines[a]];
        break;
      }
      case 'insert': {
        if (lines.length === 0) lines = [''];
        const line = lines[at(mutation.at)];
        const column = mutation.column % (line.length + 1);
        lines[at(mutation.at)] = `${line.slice(0, column)}${mutation.token}${line.slice(column)}`;
        break;
      }
      case 'truncate':
        lines = lines
          .join('\n')
          .slice(0, Math.floor(lines.join('\n').length * mutation.fraction))
          .split('\n');
        break;
    }
  }
  return lines.join('\n');
}

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), column: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('truncate' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

describe('robustness: mutated fixtures (property)', function () {
  this.timeout(600_000);
  const files = fixtureFiles();
  const options = ts.parseJsonConfigFileContent(
    ts.readConfigFile(path.join(FIXTURES_ROOT, '..', 'tsconfig.json'), (file) => ts.sys.readFile(file)).config,
    ts.sys,
    path.join(FIXTURES_ROOT, '..'),
  ).options;
  // One project for every run, as the language server keeps one: each mutation overwrites a file.
  const project = new Project({ compilerOptions: options });
  const settings = withDefaults({ experimental: true, fileTimeBudgetMs: Number.POSITIVE_INFINITY });

  it('finds fixture files to mutate', () => {
    assert.ok(files.length >= 20, `only ${files.length} fixture files`);
  });

  it(`analysis of ${NUM_RUNS} mutated fixtures finishes and is well-formed (seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(mutationArbitrary, { minLength: 1, maxLength: 6 }), (original, mutations) => {
        const text = mutate(fs.readFileSync(original, 'utf8'), mutations);
        // Beside the original, with its extension, so imports and JSX resolve as they did.
        const file = original.replace(/(\.\w+)$/, '.mutated$1');
        const sourceFile = project.createSourceFile(file, text, { overwrite: true });
        try {
          const result = analyzeFile(sourceFile, settings);
          assert.deepEqual(
            result.problems.filter((problem) => problem.kind === 'internal'),
            [],
            'a rule failed',
          );
          assertWellFormed(result, (f) => (f === file ? text : fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined));
        } finally {
          project.removeSourceFile(sourceFile);
        }
      }),
      { numRuns: NUM_RUNS, seed: SEED, verbose: 1 },
    );
  });
});
