// The injection grammar that highlights suppression directives, run by the engine VS Code
// itself uses (vscode-textmate on vscode-oniguruma's WebAssembly build). The host grammar
// below holds the three comment rules of VS Code's TypeScript grammar as they are written
// there, plus a string rule, which is all of it an injection into comments can meet.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project } from 'ts-morph';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { parseDirectives } from '../../src/core';

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { grammars: Array<{ scopeName: string; path: string; injectTo: string[] }> };
};
const [contribution] = manifest.contributes.grammars;
const grammarPath = path.join(root, contribution.path);

const TYPESCRIPT_COMMENTS = {
  scopeName: 'source.ts',
  patterns: [{ include: '#comment' }, { include: '#string' }],
  repository: {
    comment: {
      patterns: [
        {
          begin: '/\\*\\*(?!/)',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.ts' } },
          end: '\\*/',
          endCaptures: { 0: { name: 'punctuation.definition.comment.ts' } },
          name: 'comment.block.documentation.ts',
        },
        {
          begin: '(/\\*)(?:\\s*((@)internal)(?=\\s|(\\*/)))?',
          beginCaptures: { 1: { name: 'punctuation.definition.comment.ts' } },
          end: '\\*/',
          endCaptures: { 0: { name: 'punctuation.definition.comment.ts' } },
          name: 'comment.block.ts',
        },
        {
          begin: '(^[ \\t]+)?((//)(?:\\s*((@)internal)(?=\\s|$))?)',
          beginCaptures: {
            1: { name: 'punctuation.whitespace.comment.leading.ts' },
            2: { name: 'comment.line.double-slash.ts' },
            3: { name: 'punctuation.definition.comment.ts' },
          },
          contentName: 'comment.line.double-slash.ts',
          end: '(?=$)',
        },
      ],
    },
    string: { begin: '"', end: '"', name: 'string.quoted.double.ts' },
  },
};

let grammar: textmate.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: oniguruma.createOnigScanner, createOnigString: oniguruma.createOnigString }),
    loadGrammar: (scopeName) => {
      if (scopeName === 'source.ts') return Promise.resolve(TYPESCRIPT_COMMENTS as unknown as textmate.IRawGrammar);
      if (scopeName === contribution.scopeName) return Promise.resolve(textmate.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath));
      return Promise.resolve(null);
    },
    // As VS Code does: the manifest's `injectTo` decides which grammars get the injection.
    getInjections: (scopeName) => manifest.contributes.grammars.filter((g) => g.injectTo.includes(scopeName)).map((g) => g.scopeName),
  });
  const loaded = await registry.loadGrammar('source.ts');
  assert.ok(loaded, 'the host grammar loads');
  grammar = loaded;
});

/** The directive's tokens on a line: [text, innermost kitchen-sync scope]. */
function directiveTokens(line: string): Array<[string, string]> {
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  return tokens
    .map((token) => [line.slice(token.startIndex, token.endIndex), [...token.scopes].reverse().find((scope) => scope.endsWith('.kitchen-sync'))] as const)
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([text, scope]) => [text, scope]);
}

describe('directive injection grammar', () => {
  it('is valid JSON naming the scope the manifest injects', () => {
    const raw = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(raw.scopeName, contribution.scopeName);
    assert.match(raw.injectionSelector, /L:comment\.line\.double-slash/);
    assert.deepEqual(contribution.injectTo, ['source.ts', 'source.tsx', 'source.js', 'source.js.jsx']);
  });

  it('highlights a next-line directive: keyword, rule ids, reason', () => {
    assert.deepEqual(directiveTokens('    // kitchen-sync-disable-next-line sequential-await, await-in-loop -- both calls share one connection'), [
      [' ', 'meta.directive.disable-next-line.kitchen-sync'],
      ['kitchen-sync-disable-next-line', 'keyword.control.directive.kitchen-sync'],
      [' ', 'meta.directive.disable-next-line.kitchen-sync'],
      ['sequential-await', 'entity.name.type.rule-id.kitchen-sync'],
      [',', 'punctuation.separator.comma.kitchen-sync'],
      [' ', 'meta.directive.disable-next-line.kitchen-sync'],
      ['await-in-loop', 'entity.name.type.rule-id.kitchen-sync'],
      [' ', 'meta.directive.disable-next-line.kitchen-sync'],
      ['--', 'punctuation.separator.reason.kitchen-sync'],
      [' both calls share one connection', 'comment.block.documentation.reason.kitchen-sync'],
    ]);
  });

  it('highlights a whole-file directive up to the end of its block comment', () => {
    assert.deepEqual(directiveTokens('/* kitchen-sync-disable lock-order -- generated code */'), [
      [' ', 'meta.directive.disable.kitchen-sync'],
      ['kitchen-sync-disable', 'keyword.control.directive.kitchen-sync'],
      [' ', 'meta.directive.disable.kitchen-sync'],
      ['lock-order', 'entity.name.type.rule-id.kitchen-sync'],
      [' ', 'meta.directive.disable.kitchen-sync'],
      ['--', 'punctuation.separator.reason.kitchen-sync'],
      [' generated code ', 'comment.block.documentation.reason.kitchen-sync'],
    ]);
  });

  it('leaves ordinary comments and strings alone', () => {
    for (const line of [
      '// a comment that mentions kitchen-sync-disable-next-line in passing',
      '// kitchen-sync is the name of this tool',
      '/** kitchen-sync-disable sequential-await */',
      'const s = "// kitchen-sync-disable-next-line sequential-await";',
      '// kitchen-sync-disable sequential-await',
      '/* kitchen-sync-disable-next-line sequential-await */',
      '// kitchen-sync-disable-next-liner sequential-await',
    ]) {
      assert.deepEqual(directiveTokens(line), [], line);
    }
  });

  it('highlights exactly the directives the analyzer obeys, with the same rule ids', () => {
    const lines = [
      '// kitchen-sync-disable-next-line sequential-await',
      '//kitchen-sync-disable-next-line await-in-loop,lock-order -- batch job',
      'await go(); // kitchen-sync-disable-next-line sequential-await',
      '/* kitchen-sync-disable lock-order */',
      '/*   kitchen-sync-disable sequential-await, await-in-loop -- legacy */',
      '// kitchen-sync-disable sequential-await',
      '/* kitchen-sync-disable-next-line sequential-await */',
      '/** kitchen-sync-disable sequential-await */',
      '// see kitchen-sync-disable-next-line sequential-await',
      'const s = "// kitchen-sync-disable-next-line sequential-await";',
    ];
    const project = new Project({ useInMemoryFileSystem: true });
    const sourceFile = project.createSourceFile('/directives.ts', `declare function go(): Promise<void>;\n${lines.join('\n')}\nexport {};\n`);
    const parsed = parseDirectives(sourceFile).map((d) => ({ line: d.range.start.line - 1, ids: d.rules.map((r) => r.id) }));
    const highlighted = lines
      .map((line, index) => ({
        line: index,
        ids: directiveTokens(line)
          .filter(([, scope]) => scope.startsWith('entity.name.type.rule-id'))
          .map(([text]) => text),
      }))
      .filter((entry) => entry.ids.length > 0);
    assert.deepEqual(highlighted, parsed);
    assert.equal(parsed.length, 5, 'the example lines hold five real directives');
  });
});
