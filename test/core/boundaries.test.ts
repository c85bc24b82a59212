// Architecture invariants, checked on the import graph of src/ as TypeScript reads it
// (static imports, re-exports, `import()` and `require`):
// - the analyzer core is editor-free: it never reaches `vscode*` or an LSP package, nor
//   the front ends (src/server, src/client, src/cli), which own the editor and the terminal;
// - front ends use the core and the explanations through their public surfaces only
//   (core/index.ts, explain/index.ts), so internals can move without breaking them;
// - the core does not call ts-morph's descendant searches, which walk with nested
//   generators and were most of the time on large files (syntaxDescendants.ts replaces them).
// Each check is also run on a planted violation, so a check that cannot fail shows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';

const SRC = path.join(__dirname, '..', '..', 'src');
const FRONT_ENDS = ['server', 'client', 'cli'];
const PUBLIC_SURFACES = new Set([path.join(SRC, 'core', 'index.ts'), path.join(SRC, 'explain', 'index.ts')]);
/** `vscode`, `vscode-languageserver/node`, `vscode-languageclient`, `vscode-jsonrpc`, … */
const EDITOR_PACKAGE = /^vscode($|[-/])/;
const SLOW_WALK = /\.(getDescendants\w*|getFirstDescendant\w*)\(/;
const SLOW_WALK_HOME = path.join(SRC, 'core', 'syntaxDescendants.ts');

type Sources = Map<string, string>;

function sourcesUnder(dir: string): Sources {
  const sources: Sources = new Map();
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, entry);
    if (/\.tsx?$/.test(entry)) sources.set(file, fs.readFileSync(file, 'utf8'));
  }
  return sources;
}

/** The file a relative specifier names (`./x` → x.ts or x/index.ts), or the package name as written. */
function resolve(from: string, specifier: string, sources: Sources): string {
  if (!specifier.startsWith('.')) return specifier;
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), base].find((candidate) => sources.has(candidate)) ?? base;
}

function areaOf(file: string): string | undefined {
  const relative = path.relative(SRC, file);
  return relative.startsWith('..') ? undefined : relative.split(path.sep)[0];
}

/** Every broken invariant, as `file: what`. */
function violations(sources: Sources): string[] {
  const found: string[] = [];
  for (const [file, text] of sources) {
    const area = areaOf(file);
    const name = path.relative(SRC, file);
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      const target = resolve(file, specifier, sources);
      const targetArea = areaOf(target);
      if (area === 'core' && EDITOR_PACKAGE.test(specifier)) found.push(`${name}: imports ${specifier}`);
      if (area === 'core' && targetArea && FRONT_ENDS.includes(targetArea)) found.push(`${name}: imports the front end ${path.relative(SRC, target)}`);
      if (area && FRONT_ENDS.includes(area) && (targetArea === 'core' || targetArea === 'explain') && !PUBLIC_SURFACES.has(target)) {
        found.push(`${name}: imports ${path.relative(SRC, target)} instead of ${targetArea}/index.ts`);
      }
    }
    if (area === 'core' && file !== SLOW_WALK_HOME && SLOW_WALK.test(text)) found.push(`${name}: calls ${SLOW_WALK.exec(text)?.[1]}`);
  }
  return found;
}

describe('architecture boundaries', () => {
  const sources = sourcesUnder(SRC);

  it('reads the whole source tree', () => {
    assert.ok([...sources.keys()].filter((f) => areaOf(f) === 'core').length > 50);
    assert.ok(FRONT_ENDS.every((area) => [...sources.keys()].some((f) => areaOf(f) === area)));
  });

  it('holds on src/', () => {
    assert.deepEqual(violations(sources), []);
  });

  // Each planted file breaks one invariant; the check must name it.
  const planted: Array<[string, string, string, string]> = [
    ['core imports vscode', 'core/awaits/planted.ts', "import * as vscode from 'vscode';", 'core/awaits/planted.ts: imports vscode'],
    [
      'core imports a JSON-RPC package',
      'core/planted.ts',
      "import { createMessageConnection } from 'vscode-jsonrpc/node';",
      'core/planted.ts: imports vscode-jsonrpc/node',
    ],
    [
      'core requires an LSP package',
      'core/planted.ts',
      "const lsp = require('vscode-languageserver/node');",
      'core/planted.ts: imports vscode-languageserver/node',
    ],
    [
      'core imports the server',
      'core/rules/planted.ts',
      "import { startServer } from '../../server/server';",
      'core/rules/planted.ts: imports the front end server/server.ts',
    ],
    ['core loads the CLI lazily', 'core/planted.ts', "const cli = import('../cli/main');", 'core/planted.ts: imports the front end cli/main.ts'],
    [
      'the server imports a core internal',
      'server/planted.ts',
      "import { compareRanges } from '../core/ranges';",
      'server/planted.ts: imports core/ranges.ts instead of core/index.ts',
    ],
    [
      'the CLI re-exports an explanation internal',
      'cli/planted.ts',
      "export { toPlainText } from '../explain/plainText';",
      'cli/planted.ts: imports explain/plainText.ts instead of explain/index.ts',
    ],
    [
      'core calls getFirstDescendantByKind',
      'core/planted.ts',
      'export const first = (n: Node) => n.getFirstDescendantByKind(1);',
      'core/planted.ts: calls getFirstDescendantByKind',
    ],
    ['core calls getDescendants', 'core/planted.ts', 'export const all = (n: Node) => n.getDescendants();', 'core/planted.ts: calls getDescendants'],
  ];
  for (const [what, file, text, expected] of planted) {
    it(`fails when ${what}`, () => {
      const withPlant = new Map(sources).set(path.join(SRC, ...file.split('/')), text);
      assert.deepEqual(
        violations(withPlant).map((v) => v.split(path.sep).join('/')),
        [expected],
      );
    });
  }

  it('lets front ends use the public surfaces', () => {
    const withPlant = new Map(sources).set(
      path.join(SRC, 'server', 'planted.ts'),
      "import { analyzeFile } from '../core';\nimport { renderCard } from '../explain';",
    );
    assert.deepEqual(violations(withPlant), []);
  });
});
