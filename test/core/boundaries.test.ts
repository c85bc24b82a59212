// Architecture invariants: the analyzer core is editor-free (only src/server and src/client
// may speak LSP or VS Code), and it does not use ts-morph's slow descendant searches.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const coreDir = path.join(__dirname, '..', '..', 'src', 'core');
const FORBIDDEN = /(?:from\s+|require\(\s*|import\(\s*)['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]/;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('architecture boundaries', () => {
  it('src/core never imports vscode or LSP packages', () => {
    const files = filesUnder(coreDir);
    assert.ok(files.length > 5, 'expected to find the core sources');
    const offenders = files.filter((f) => FORBIDDEN.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders.map((f) => path.relative(coreDir, f)), []);
  });

  it('src/core finds descendants on the compiler tree, not through ts-morph getDescendants* (slow on large files)', () => {
    const slow = /\.getDescendants(?:OfKind)?\(/;
    const offenders = filesUnder(coreDir).filter((f) => !f.endsWith('syntaxDescendants.ts') && slow.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders.map((f) => path.relative(coreDir, f)), []);
    assert.ok(slow.test('fn.getDescendantsOfKind(SyntaxKind.Identifier)') && slow.test('body.getDescendants()') && !slow.test('descendantsOfKind(fn, kind)'));
  });

  it('the check itself catches an import of vscode', () => {
    assert.ok(FORBIDDEN.test("import * as vscode from 'vscode';"));
    assert.ok(FORBIDDEN.test("const lsp = require('vscode-languageserver/node');"));
    assert.ok(!FORBIDDEN.test("import { Project } from 'ts-morph';"));
  });
});
