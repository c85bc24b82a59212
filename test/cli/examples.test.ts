// The bundled examples: `npm run demo` shows the findings they were written for, and the
// CLI reports exactly what the core reports (the editor gets its findings from the same
// core through the language server). These tests run the built bundle, dist/cli.js, in a
// child process, as users run it; the other CLI tests run the same command in-process.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePaths, withDefaults, type Finding } from '../../src/core';
import { compareFindings } from '../../src/cli/runAnalysis';
import { Project } from 'ts-morph';
import { buildCliOnce, pinnedEnv, REPO_ROOT, removeWorkspace, runCliBinary, workspace } from './cliHarness';

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const ORDERS = path.join(EXAMPLES, 'orders');

/**
 * What examples/orders (the await family's app) is written to show: each finding's rule
 * and the exact code it marks, found inside `context`, a piece of the file that occurs
 * once in it.
 */
const EXPECTED = [
  {
    file: 'orders/src/checkout.ts',
    ruleId: 'sequential-await',
    context: 'customerId);\n  const cart = await carts.findById(cartId);',
    code: 'await carts.findById(cartId)',
  },
  { file: 'orders/src/pricing.ts', ruleId: 'await-in-loop', context: 'await catalog.priceOf(line.sku)', code: 'await catalog.priceOf(line.sku)' },
  { file: 'orders/src/reports.ts', ruleId: 'sequential-await', context: 'await payments.totalCapturedOn(day)', code: 'await payments.totalCapturedOn(day)' },
  { file: 'orders/src/reports.ts', ruleId: 'await-in-loop', context: 'const order = await orders.findById(id);', code: 'await orders.findById(id)' },
];

describe('examples/', function () {
  // Each test spawns the CLI, which loads the TypeScript compiler: seconds on a busy machine.
  this.timeout(120_000);
  let cliFindings: Finding[];
  before(function () {
    this.timeout(300_000);
    buildCliOnce();
    const run = runCliBinary(['--format', 'json', 'examples'], REPO_ROOT);
    assert.equal(run.stderr, '');
    cliFindings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
  });

  it('has the findings the order service was written for, and no others', () => {
    const expected = EXPECTED.map(({ file, ruleId, context, code }) => {
      const absolute = path.join(EXAMPLES, file);
      const text = fs.readFileSync(absolute, 'utf8');
      const at = text.indexOf(context);
      assert.ok(at >= 0 && text.indexOf(context, at + 1) < 0, `${context} appears once in ${file}`);
      const offset = at + context.indexOf(code);
      const before = text.slice(0, offset).split('\n');
      const start = { line: before.length - 1, character: before.at(-1)!.length };
      return [ruleId, absolute, { start, end: { line: start.line, character: start.character + code.length } }];
    });
    const inOrders = cliFindings.filter((f) => isInside(f.file, ORDERS));
    assert.deepEqual(
      inOrders.map((f) => [f.ruleId, f.file, f.range]),
      expected,
    );
  });

  it('gives the same findings through the CLI as through the core', () => {
    const core = analyzePaths([EXAMPLES], withDefaults(undefined));
    assert.deepEqual(core.problems, []);
    // Compared as data: the CLI's findings went through JSON, which drops undefined fields.
    const coreFindings = JSON.parse(JSON.stringify([...core.findings].sort(compareFindings))) as Finding[];
    assert.deepEqual(cliFindings, coreFindings);
  });

  it('every finding in the order service offers its fix', () => {
    for (const finding of cliFindings.filter((f) => isInside(f.file, ORDERS)))
      assert.equal(finding.fixes.filter((f) => f.isPreferred).length, 1, `${finding.ruleId} in ${finding.file}`);
  });

  it('the order service still type-checks after --fix, with nothing left to report', () => {
    const copy = workspace({});
    try {
      fs.cpSync(ORDERS, path.join(copy, 'orders'), { recursive: true });
      // The example's tsconfig.json uses @types/node from the repository.
      fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'junction');
      const run = runCliBinary(['--fix', 'orders'], copy);
      // Four fixes for five findings: the two in loadDashboard share one Promise.all.
      assert.equal(run.stdout, `Applied 4 fixes in 3 files.\nNo findings in ${countSourceFiles(ORDERS)} files.\n`);
      assert.equal(run.status, 0);
      const project = new Project({ tsConfigFilePath: path.join(copy, 'orders', 'tsconfig.json') });
      assert.deepEqual(
        project.getPreEmitDiagnostics().map((d) => project.formatDiagnosticsWithColorAndContext([d])),
        [],
      );
    } finally {
      removeWorkspace(copy);
    }
  });

  it('npm run demo prints the findings with their cards and succeeds', () => {
    const demo = spawnSync(process.execPath, ['scripts/demo.mjs'], { cwd: REPO_ROOT, encoding: 'utf8', env: pinnedEnv() });
    assert.equal(demo.status, 0, demo.stderr);
    assert.equal(demo.stderr, '');
    const findingLines = demo.stdout.split('\n').filter((line) => /^examples\/\S+:\d+:\d+ {2}/.test(line));
    assert.equal(findingLines.length, cliFindings.length);
    assert.equal((demo.stdout.match(/^ {4}Rule documentation: /gm) ?? []).length, cliFindings.length, 'one card per finding');
    assert.match(demo.stdout, new RegExp(`\\n${cliFindings.length} findings \\(.*\\) in ${countSourceFiles(EXAMPLES)} files\\.\\n`));
  });
});

function countSourceFiles(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce((n, e) => n + (e.isDirectory() ? countSourceFiles(path.join(dir, e.name)) : /\.[cm]?[jt]sx?$/.test(e.name) ? 1 : 0), 0);
}

function isInside(file: string, dir: string): boolean {
  return !path.relative(dir, file).startsWith('..');
}
