// The bundled language server, spoken to over LSP as an editor would. One server and one
// scratch workspace for the whole block; every test uses its own file, so they do not
// depend on each other's state.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, FileChangeType, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver/node';
import { analyzePaths, docsUrl, withDefaults, type Finding } from '../../src/core';
import { renderCard, renderCardSummary } from '../../src/explain';
import { serverOnWorkspace } from './lspSession';

const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'ES2022', moduleResolution: 'bundler', lib: ['ES2022'], types: [], strict: true, noEmit: true },
  include: ['src'],
});

// Two independent pairs of awaits: two sequential-await findings, each with a Promise.all fix.
const PRICING = `interface User { id: string; currency: string }
interface Price { sku: string; amount: number }
declare function loadUser(id: string): Promise<User>;
declare function loadPrices(): Promise<Price[]>;
declare function loadStock(): Promise<number>;
declare function loadTaxes(): Promise<number>;

export async function pricePage(id: string) {
  const user = await loadUser(id);
  const prices = await loadPrices();
  return { user, prices };
}

export async function stockPage() {
  const stock = await loadStock();
  const taxes = await loadTaxes();
  return { stock, taxes };
}
`;

const PRICING_FIXED = PRICING.replace(
  '  const user = await loadUser(id);\n  const prices = await loadPrices();',
  '  const [user, prices] = await Promise.all([loadUser(id), loadPrices()]);',
).replace('  const stock = await loadStock();\n  const taxes = await loadTaxes();', '  const [stock, taxes] = await Promise.all([loadStock(), loadTaxes()]);');

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
const FIRST_FINDING = range(9, 17, 35);
const SECOND_FINDING = range(15, 16, 33);

/** The text after applying a code action's edits to `text` (the action must edit only `uri`). */
function applyAction(action: CodeAction, uri: string, text: string): string {
  const changes = (action.edit?.documentChanges ?? []) as TextDocumentEdit[];
  assert.deepEqual(
    changes.map((change) => change.textDocument.uri),
    [uri],
  );
  return TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 0, text), changes[0].edits as TextEdit[]);
}

function summary(diagnostic: Diagnostic) {
  return { code: diagnostic.code, range: diagnostic.range };
}

const DASHBOARD = `import { fetchA, fetchB } from './api';

export async function dashboard() {
  const a = await fetchA();
  const b = await fetchB();
  return a + b;
}
`;

// Each does a request: an async function that starts no work has nothing to overlap.
const ASYNC_API =
  "declare function get(path: string): Promise<number>;\nexport async function fetchA(): Promise<number> { return get('/a'); }\nexport async function fetchB(): Promise<number> { return get('/b'); }\n";

describe('language server', function () {
  this.timeout(60_000);
  const server = serverOnWorkspace({
    'tsconfig.json': TSCONFIG,
    'src/pricing.ts': PRICING,
    'src/api.ts': 'export function fetchA(): number { return 1; }\nexport function fetchB(): number { return 2; }\n',
    'src/dashboard.ts': DASHBOARD,
    'src/disk-api.ts': 'export function fetchA(): number { return 1; }\nexport function fetchB(): number { return 2; }\n',
    'src/report.ts': DASHBOARD.replace("'./api'", "'./disk-api'"),
  });

  /** Opens a copy of `text` as a new file in the workspace and waits for its first diagnostics. */
  async function openFile(name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const file = server.workspace.write(`src/${name}`, text);
    const uri = server.session.uri(file);
    await server.session.open(uri, text);
    const { diagnostics } = await server.session.diagnostics(uri, (p) => p.version === 1);
    return { uri, diagnostics };
  }

  it('reports reading and type-checking a project as progress once, for the first file opened in it', async () => {
    assert.equal(server.session.progress.length, 0, 'nothing loads before a file is opened');
    // The five files of the workspace and the new one: the project holds six.
    await openFile('first.ts', DASHBOARD);
    const tokens = new Set(server.session.progress.map((p) => p.token));
    assert.equal(tokens.size, 1, 'one progress');
    assert.deepEqual(
      server.session.progress.map(({ value }) => [value.kind, 'message' in value ? value.message : undefined]),
      [
        ['begin', 'Reading the project of first.ts'],
        ['report', 'Type-checking 6 files'],
        ['end', undefined],
      ],
    );
    assert.equal((server.session.progress[0].value as { title: string }).title, 'Kitchen Sync');
    await openFile('second.ts', DASHBOARD);
    assert.equal(server.session.progress.length, 3, 'the project is loaded: the second file reports no progress');
  });

  describe('on a document with two sequential-await findings (read-only tests share it)', () => {
    let uri: string;
    let diagnostics: Diagnostic[];
    let cliFindings: Finding[];

    before(async () => {
      ({ uri, diagnostics } = await openFile('pricing-open.ts', PRICING));
      const cli = analyzePaths([server.workspace.file('src/pricing-open.ts')], withDefaults(undefined));
      assert.deepEqual(cli.problems, []);
      cliFindings = cli.findings;
    });

    it('publishes them with the rule id, its documentation and the await each waits behind', () => {
      assert.deepEqual(diagnostics, [
        {
          range: FIRST_FINDING,
          severity: DiagnosticSeverity.Warning,
          source: 'kitchen-sync',
          code: 'sequential-await',
          codeDescription: { href: docsUrl('sequential-await') },
          message: '`loadPrices()` does not use the result of `loadUser(id)`, yet waits for it to finish. Start both together with Promise.all.',
          relatedInformation: [{ location: { uri, range: range(8, 15, 33) }, message: 'waits behind this await' }],
        },
        {
          range: SECOND_FINDING,
          severity: DiagnosticSeverity.Warning,
          source: 'kitchen-sync',
          code: 'sequential-await',
          codeDescription: { href: docsUrl('sequential-await') },
          message: '`loadTaxes()` does not use the result of `loadStock()`, yet waits for it to finish. Start both together with Promise.all.',
          relatedInformation: [{ location: { uri, range: range(14, 16, 33) }, message: 'waits behind this await' }],
        },
      ]);
    });

    it('finds what the CLI finds in the same file', () => {
      assert.deepEqual(
        diagnostics.map((d) => ({ ruleId: d.code, range: d.range, message: d.message })),
        cliFindings.map((f) => ({ ruleId: f.ruleId, range: f.range, message: f.message })),
      );
    });

    it('answers a hover on a finding with the first layer of its card, linking to the whole card, and nothing elsewhere', async () => {
      const hover = await server.session.hover(uri, { line: 9, character: 24 });
      const target = { uri, ruleId: 'sequential-await', line: FIRST_FINDING.start.line, character: FIRST_FINDING.start.character };
      const link = `command:kitchenSync.openCard?${encodeURIComponent(JSON.stringify([target]))}`;
      assert.deepEqual(hover, { contents: { kind: 'markdown', value: renderCardSummary(cliFindings[0], 'en', link) }, range: FIRST_FINDING });
      assert.match((hover?.contents as { value: string }).value, /\[Open the whole card\]\(command:kitchenSync\.openCard\?/);
      assert.equal(await server.session.hover(uri, { line: 2, character: 5 }), null);
    });

    it('answers the whole card of the finding a hover link names, and null for one it does not report', async () => {
      const target = { uri, ruleId: 'sequential-await', line: FIRST_FINDING.start.line, character: FIRST_FINDING.start.character };
      assert.deepEqual(await server.session.wholeCard(target), { title: 'These awaits could run together', markdown: renderCard(cliFindings[0], 'en') });
      assert.equal(await server.session.wholeCard({ ...target, ruleId: 'await-in-loop' }), null);
      assert.equal(await server.session.wholeCard({ ...target, line: target.line + 1 }), null);
      assert.equal(await server.session.wholeCard({ ...target, uri: `${uri}.missing.ts` }), null);
    });

    it('offers the fix, fix-all, disable for the line and the file, and the documentation, in that order', async () => {
      const actions = await server.session.codeActions(uri, range(9, 20, 20));
      assert.deepEqual(
        actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
        [
          ['Run together with Promise.all', 'quickfix', true],
          ['Fix all sequential-await problems in file', 'quickfix', false],
          ['Disable sequential-await for this line', 'quickfix', false],
          ['Disable sequential-await for the entire file', 'quickfix', false],
          ['Show documentation for sequential-await', 'quickfix', false],
        ],
      );
      const [fix, fixAll, disableLine, disableFile, docs] = actions;
      assert.deepEqual(fix.diagnostics?.map(summary), [{ code: 'sequential-await', range: FIRST_FINDING }]);
      assert.deepEqual(fixAll.diagnostics?.map(summary), [
        { code: 'sequential-await', range: FIRST_FINDING },
        { code: 'sequential-await', range: SECOND_FINDING },
      ]);
      assert.equal(((fix.edit?.documentChanges ?? []) as TextDocumentEdit[])[0].textDocument.version, 1, 'edits name the version they were made for');

      assert.equal(
        applyAction(fix, uri, PRICING),
        PRICING.replace(
          '  const user = await loadUser(id);\n  const prices = await loadPrices();',
          '  const [user, prices] = await Promise.all([loadUser(id), loadPrices()]);',
        ),
      );
      assert.equal(applyAction(fixAll, uri, PRICING), PRICING_FIXED);
      assert.equal(
        applyAction(disableLine, uri, PRICING),
        PRICING.replace('  const prices', '  // kitchen-sync-disable-next-line sequential-await\n  const prices'),
      );
      assert.equal(applyAction(disableFile, uri, PRICING), `/* kitchen-sync-disable sequential-await */\n${PRICING}`);
      assert.deepEqual(docs.command, {
        title: 'Show documentation for sequential-await',
        command: 'kitchenSync.showRuleDocumentation',
        arguments: [docsUrl('sequential-await')],
      });
      assert.equal(docs.edit, undefined);
    });

    it('offers fix-all-on-save as source.fixAll.kitchen-sync, only when asked for by kind', async () => {
      for (const only of [['source.fixAll.kitchen-sync'], ['source.fixAll'], ['source']]) {
        const actions = await server.session.codeActions(uri, range(0, 0, 0), only);
        assert.deepEqual(
          actions.map((a) => [a.title, a.kind]),
          [['Fix all auto-fixable Kitchen Sync problems', 'source.fixAll.kitchen-sync']],
          only.join(),
        );
        assert.equal(applyAction(actions[0], uri, PRICING), PRICING_FIXED);
      }
      assert.deepEqual(await server.session.codeActions(uri, range(0, 0, 0)), [], 'no finding on line 0, and no source action unasked');
      assert.deepEqual(await server.session.codeActions(uri, range(9, 20, 20), ['refactor']), []);
    });
  });

  it('offers a fix that several findings share once, for all of them', async () => {
    // Both awaits of one loop get a finding, and one fix runs the iterations together.
    const text = [
      'declare function fetchA(id: string): Promise<number>;',
      'declare function fetchB(id: string, a: number): Promise<number>;',
      '',
      'export async function both(ids: string[]) {',
      '  const out: number[] = [];',
      '  for (const id of ids) {',
      '    const a = await fetchA(id);',
      '    const b = await fetchB(id, a);',
      '    out.push(a + b);',
      '  }',
      '  return out;',
      '}',
      '',
    ].join('\n');
    const { uri, diagnostics } = await openFile('loop.ts', text);
    assert.deepEqual(diagnostics.map(summary), [
      { code: 'await-in-loop', range: range(6, 14, 30) },
      { code: 'await-in-loop', range: range(7, 14, 33) },
    ]);
    const actions = await server.session.codeActions(uri, { start: { line: 6, character: 0 }, end: { line: 7, character: 33 } });
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Run the iterations together with Promise.all',
        'Disable await-in-loop for this line',
        'Disable await-in-loop for this line',
        'Disable await-in-loop for the entire file',
        'Show documentation for await-in-loop',
      ],
    );
    assert.equal(actions[0].diagnostics?.length, 2);
    assert.equal(
      applyAction(actions[0], uri, text),
      text.replace(
        '  const out: number[] = [];\n  for (const id of ids) {\n    const a = await fetchA(id);\n    const b = await fetchB(id, a);\n    out.push(a + b);\n  }',
        '  const out: number[] = await Promise.all(ids.map(async (id) => {\n    const a = await fetchA(id);\n    const b = await fetchB(id, a);\n    return a + b;\n  }));',
      ),
    );
    assert.deepEqual(
      [1, 2].map((i) => applyAction(actions[i], uri, text).split('\n')[5 + i]),
      ['    // kitchen-sync-disable-next-line await-in-loop', '    // kitchen-sync-disable-next-line await-in-loop'],
    );
  });

  it('reports a group of three awaits once, with one fix for the group', async () => {
    const text = [
      'declare function fetchA(): Promise<number>;',
      'declare function fetchB(): Promise<number>;',
      'declare function fetchC(): Promise<number>;',
      '',
      'export async function three() {',
      '  const a = await fetchA();',
      '  const b = await fetchB();',
      '  const c = await fetchC();',
      '  return a + b + c;',
      '}',
      '',
    ].join('\n');
    const { uri, diagnostics } = await openFile('three.ts', text);
    assert.deepEqual(diagnostics.map(summary), [{ code: 'sequential-await', range: range(6, 12, 26) }]);
    assert.deepEqual(
      diagnostics[0].relatedInformation?.map((r) => [r.location.range.start.line, r.message]),
      [
        [5, 'waits behind this await'],
        [7, 'also waits in line, using none of the results before it'],
      ],
    );
    const actions = await server.session.codeActions(uri, range(6, 12, 26));
    assert.equal(actions[0].title, 'Run together with Promise.all');
    assert.equal(
      applyAction(actions[0], uri, text),
      text.replace(
        '  const a = await fetchA();\n  const b = await fetchB();\n  const c = await fetchC();',
        '  const [a, b, c] = await Promise.all([fetchA(), fetchB(), fetchC()]);',
      ),
    );
  });

  it('publishes fresh diagnostics after an edit, and only for the last edit of a burst', async () => {
    const { uri } = await openFile('typing.ts', PRICING);
    await server.session.change(uri, 2, PRICING.replace('await loadTaxes();', 'stock * 2;'));
    await server.session.change(uri, 3, PRICING_FIXED.replace('loadStock(), ', ''));
    await server.session.change(uri, 4, PRICING_FIXED);
    const latest = await server.session.diagnostics(uri, (p) => p.version === 4);
    assert.deepEqual(latest.diagnostics, []);
    assert.deepEqual(
      server.session.publishedFor(uri).map((p) => p.version),
      [1, 4],
      'versions 2 and 3 were superseded before analysis',
    );

    await server.session.change(uri, 5, PRICING.replace('await loadTaxes();', 'stock * 2;'));
    const fresh = await server.session.diagnostics(uri, (p) => p.version === 5);
    assert.deepEqual(fresh.diagnostics.map(summary), [{ code: 'sequential-await', range: FIRST_FINDING }]);
  });

  it('offers code actions for the text as it is now, even before the debounced analysis', async () => {
    const { uri } = await openFile('quick-edit.ts', PRICING);
    const shifted = `// a new first line\n${PRICING}`;
    await server.session.change(uri, 2, shifted);
    const actions = await server.session.codeActions(uri, range(10, 20, 20));
    assert.equal(actions[0]?.title, 'Run together with Promise.all');
    assert.equal(((actions[0].edit?.documentChanges ?? []) as TextDocumentEdit[])[0].textDocument.version, 2);
    assert.equal(applyAction(actions[0], uri, shifted).split('\n')[9], '  const [user, prices] = await Promise.all([loadUser(id), loadPrices()]);');
  });

  it('keeps the last diagnostics while the document has a syntax error', async () => {
    const { uri, diagnostics } = await openFile('half-typed.ts', PRICING);
    assert.equal(diagnostics.length, 2);
    await server.session.change(uri, 2, PRICING.replace('return { user, prices };', 'return { user, prices'));
    // Asking for fixes makes the server analyse version 2 now; it offers none, since the
    // findings on screen belong to version 1 and their edits would land in the wrong place.
    assert.deepEqual(await server.session.codeActions(uri, range(9, 20, 20)), []);
    // Hovers still answer from the findings on screen.
    const hover = await server.session.hover(uri, { line: 9, character: 24 });
    assert.match((hover?.contents as { value: string }).value, /Promise\.all/);
    await server.session.change(uri, 3, PRICING_FIXED);
    await server.session.diagnostics(uri, (p) => p.version === 3);
    assert.deepEqual(
      server.session.publishedFor(uri).map((p) => [p.version, p.diagnostics.length]),
      [
        [1, 2],
        [3, 0],
      ],
    );
  });

  it('applies settings: a rule set to off disappears, a severity changes', async () => {
    const { uri } = await openFile('settings.ts', PRICING);
    await server.session.changeSettings({ rules: { 'sequential-await': 'off' } });
    assert.deepEqual((await server.session.diagnostics(uri)).diagnostics, []);
    await server.session.changeSettings({ rules: { 'sequential-await': 'error' } });
    const errors = await server.session.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      errors.diagnostics.map((d) => d.severity),
      [DiagnosticSeverity.Error, DiagnosticSeverity.Error],
    );
    await server.session.changeSettings({ enable: false });
    assert.deepEqual((await server.session.diagnostics(uri)).diagnostics, []);
    await server.session.changeSettings({});
    const restored = await server.session.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      restored.diagnostics.map((d) => d.severity),
      [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning],
    );
  });

  it('re-checks an open file when a file it imports changes in the editor', async () => {
    const dashboard = server.session.uri(server.workspace.file('src/dashboard.ts'));
    const api = server.session.uri(server.workspace.file('src/api.ts'));
    await server.session.open(dashboard, DASHBOARD);
    assert.deepEqual((await server.session.diagnostics(dashboard)).diagnostics, [], 'awaiting plain numbers is not reported');
    await server.session.open(api, fs.readFileSync(server.workspace.file('src/api.ts'), 'utf8'));
    await server.session.change(api, 2, ASYNC_API);
    const rechecked = await server.session.diagnostics(dashboard, (p) => p.diagnostics.length > 0);
    assert.deepEqual(rechecked.diagnostics.map(summary), [{ code: 'sequential-await', range: range(4, 12, 26) }]);
    // Closing the changed file puts its text on disk back in force.
    await server.session.close(api);
    assert.deepEqual((await server.session.diagnostics(dashboard, (p) => p.diagnostics.length === 0)).diagnostics, []);
  });

  it('re-checks an open file when a file it imports changes on disk', async () => {
    const report = server.session.uri(server.workspace.file('src/report.ts'));
    await server.session.open(report, fs.readFileSync(server.workspace.file('src/report.ts'), 'utf8'));
    assert.deepEqual((await server.session.diagnostics(report)).diagnostics, []);
    server.workspace.write('src/disk-api.ts', ASYNC_API);
    await server.session.filesChanged([{ uri: server.session.uri(server.workspace.file('src/disk-api.ts')), type: FileChangeType.Changed }]);
    const rechecked = await server.session.diagnostics(report, (p) => p.diagnostics.length > 0);
    assert.deepEqual(rechecked.diagnostics.map(summary), [{ code: 'sequential-await', range: range(4, 12, 26) }]);
  });

  it('clears the diagnostics of a closed document', async () => {
    const { uri } = await openFile('closing.ts', PRICING);
    await server.session.close(uri);
    assert.deepEqual(await server.session.diagnostics(uri), { uri, diagnostics: [] });
  });
});
