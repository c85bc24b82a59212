// The server stays up and keeps serving through what real workspaces throw at it: a broken
// or missing tsconfig.json, text the analyzer chokes on, and a file over its time budget.
// Plus the Japanese locale, which needs a server of its own.
import * as assert from 'node:assert/strict';
import type { Diagnostic, TextDocumentEdit } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { analyzePaths, withDefaults } from '../../src/core';
import { localizedMessage } from '../../src/explain';
import { diagnosticText, serverOnWorkspace } from './lspSession';

const TWO_AWAITS = `declare function loadUser(id: string): Promise<{ name: string }>;
declare function loadPrices(): Promise<number[]>;

export async function pricePage(id: string) {
  const user = await loadUser(id);
  const prices = await loadPrices();
  return { user, prices };
}
`;
const FINDING = { start: { line: 5, character: 17 }, end: { line: 5, character: 35 } };

// With no budget at all, the first rule runs and the budget stops every other one.
const OVER_BUDGET =
  /^Kitchen Sync stopped checking this file as you type: analysing it took \d+ ms, more than kitchenSync\.fileTimeBudgetMs \(0 ms\), so these rules did not run on it: await-in-loop, blocking-loop, blocking-call, lock-order, lock-reentry, lock-leak, race-lost-update, race-check-then-act\. It is checked again when you save it; to run every rule, raise the setting or run the command-line tool, which has no budget\.$/;

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.code ?? null, d.range.start.line]);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('language server resilience', function () {
  this.timeout(60_000);
  const server = serverOnWorkspace({
    'broken/tsconfig.json': '{ "extends": "./missing-base.json", "compilerOptions": { "strict": tru',
    'broken/src/pricing.ts': TWO_AWAITS,
    'loose/pricing.ts': TWO_AWAITS,
    'project/tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['ES2022'], types: [], strict: true }, include: ['src'] }),
  });

  it('analyses the files of a broken tsconfig.json, and says what is wrong with it in the log', async () => {
    const uri = server.session.uri(server.workspace.file('broken/src/pricing.ts'));
    await server.session.open(uri, TWO_AWAITS);
    const { diagnostics } = await server.session.diagnostics(uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [['sequential-await', FINDING]],
    );
    const tsconfig = server.workspace.file('broken/tsconfig.json');
    assert.ok(
      server.session.logs.some((line) => line.startsWith(`${tsconfig}: `) && line.includes('missing-base.json')),
      `expected the broken tsconfig in the log:\n${server.session.logs.join('\n')}`,
    );
  });

  it('analyses a file that no tsconfig.json claims', async () => {
    const uri = server.session.uri(server.workspace.file('loose/pricing.ts'));
    await server.session.open(uri, TWO_AWAITS);
    assert.deepEqual(codes((await server.session.diagnostics(uri)).diagnostics), [['sequential-await', 5]]);
  });

  it('analyses an untitled document with default options, like a file no tsconfig.json claims', async () => {
    const uri = 'untitled:Untitled-1';
    await server.session.open(uri, TWO_AWAITS);
    const { diagnostics } = await server.session.diagnostics(uri);
    assert.deepEqual(codes(diagnostics), [['sequential-await', 5]]);
    assert.equal(diagnostics[0].relatedInformation?.[0].location.uri, uri);
    const [fix] = await server.session.codeActions(uri, FINDING);
    assert.equal(((fix.edit?.documentChanges ?? []) as TextDocumentEdit[])[0].textDocument.uri, uri);
  });

  it('survives documents the parser cannot handle, and keeps serving the other files of their project', async () => {
    // Editor-only documents (never saved), so the project itself loads as usual.
    const nested = `export const deep = ${'['.repeat(5_000)}${']'.repeat(5_000)};\n`;
    const garbage = Array.from({ length: 2_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('');
    for (const [name, text] of [
      ['nested.ts', nested],
      ['garbage.ts', garbage],
      ['truncated.ts', TWO_AWAITS.slice(0, 150)],
    ]) {
      await server.session.open(server.session.uri(server.workspace.file(`project/src/${name}`)), text);
    }
    const healthy = server.session.uri(server.workspace.write('project/src/healthy.ts', TWO_AWAITS));
    await server.session.open(healthy, TWO_AWAITS);
    assert.deepEqual(codes((await server.session.diagnostics(healthy)).diagnostics), [['sequential-await', 5]]);
    assert.ok(server.session.isRunning);
    assert.ok(
      server.session.logs.some((line) => line.startsWith('Loaded ') && line.includes(server.workspace.file('project/tsconfig.json'))),
      'the project loaded normally',
    );
  });

  it('keeps the depth guard for open documents: text that parses but is too deep to walk is not analysed', async () => {
    // A concatenation of 3,000 strings parses (the parser loops over binary operators), but
    // its tree is 3,000 levels deep and the rules' walks recurse once per level.
    const deep = `export const deep = ${Array.from({ length: 3_000 }, (_, i) => `'${i}'`).join(' + ')};\n`;
    const file = server.workspace.file('project/src/deep.ts');
    await server.session.open(server.session.uri(file), deep);
    const healthy = server.session.uri(server.workspace.write('project/src/afterDeep.ts', TWO_AWAITS));
    await server.session.open(healthy, TWO_AWAITS);
    assert.deepEqual(codes((await server.session.diagnostics(healthy)).diagnostics), [['sequential-await', 5]]);
    assert.ok(
      server.session.logs.some(
        (line) => line.startsWith(`Could not parse ${file}: its syntax tree is `) && line.includes('more than the analysis can walk (1000)'),
      ),
      server.session.logs.join('\n'),
    );
    assert.deepEqual(
      server.session.logs.filter((line) => line.includes(file) && /failed|Maximum call stack/.test(line)),
      [],
    );
  });

  it('loads a project whose files include one too deeply nested for the parser', async () => {
    server.workspace.write('fragile/tsconfig.json', JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }));
    server.workspace.write('fragile/src/nested.ts', `export const deep = ${'['.repeat(5_000)}${']'.repeat(5_000)};\n`);
    const uri = server.session.uri(server.workspace.write('fragile/src/pricing.ts', TWO_AWAITS));
    await server.session.open(uri, TWO_AWAITS);
    assert.deepEqual(codes((await server.session.diagnostics(uri)).diagnostics), [['sequential-await', 5]]);
    assert.ok(
      server.session.logs.some((line) => line.startsWith(`${server.workspace.file('fragile/src/nested.ts')}: Could not parse`)),
      server.session.logs.join('\n'),
    );
    assert.ok(
      server.session.logs.some((line) => line.startsWith(`Loaded ${server.workspace.file('fragile/tsconfig.json')}`)),
      server.session.logs.join('\n'),
    );
  });

  it('reports a file over its time budget once, stops re-checking it as the user types, and re-checks it on save', async () => {
    await server.session.changeSettings({ fileTimeBudgetMs: 0 });
    const uri = server.session.uri(server.workspace.write('project/src/slow.ts', TWO_AWAITS));
    await server.session.open(uri, TWO_AWAITS);
    const first = await server.session.diagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(codes(first.diagnostics), [
      ['sequential-await', 5],
      [null, 0],
    ]);
    const budget = first.diagnostics[1];
    assert.equal(budget.severity, DiagnosticSeverity.Information);
    assert.equal(budget.source, 'kitchen-sync');
    assert.match(diagnosticText(budget), OVER_BUDGET);

    const edited = TWO_AWAITS.replace('return { user, prices };', 'return { prices, user };');
    await server.session.change(uri, 2, edited);
    await sleep(500); // Long past the debounce: an analysis of version 2 would have been published by now.
    assert.deepEqual(
      server.session.publishedFor(uri).map((p) => p.version),
      [1],
    );
    await server.session.save(uri);
    const afterSave = await server.session.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(codes(afterSave.diagnostics), [
      ['sequential-await', 5],
      [null, 0],
    ]);
    assert.match(diagnosticText(afterSave.diagnostics[1]), OVER_BUDGET);
    await server.session.changeSettings({});
    const withinBudget = await server.session.diagnostics(uri, (p) => p.diagnostics.every((d) => d.code !== undefined));
    assert.deepEqual(codes(withinBudget.diagnostics), [['sequential-await', 5]]);
  });
});

describe('language server in Japanese', function () {
  this.timeout(60_000);
  const server = serverOnWorkspace(
    {
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['ES2022'], types: [], strict: true }, include: ['src'] }),
      'src/pricing.ts': TWO_AWAITS,
    },
    { locale: 'ja-JP' },
  );

  it('localizes messages, related locations and action titles for a Japanese display language', async () => {
    const file = server.workspace.file('src/pricing.ts');
    const uri = server.session.uri(file);
    await server.session.open(uri, TWO_AWAITS);
    const { diagnostics } = await server.session.diagnostics(uri);
    const [finding] = analyzePaths([file], withDefaults(undefined)).findings;
    assert.equal(diagnostics[0].message, localizedMessage(finding, 'ja'));
    assert.notEqual(diagnostics[0].message, finding.message, 'the Japanese message differs from the English one');
    assert.deepEqual(
      diagnostics[0].relatedInformation?.map((related) => related.message),
      ['この await の後ろで待っています'],
    );
    const titles = (await server.session.codeActions(uri, FINDING)).map((action) => action.title);
    assert.deepEqual(titles, [
      'Promise.all で並行に実行する',
      'この行の sequential-await を無効にする',
      'ファイル全体で sequential-await を無効にする',
      'sequential-await のドキュメントを表示',
    ]);
  });
});
