import * as assert from 'node:assert/strict';
import { Node, Project, SyntaxKind } from 'ts-morph';
import { descendants, descendantsOfKind, isInside } from '../../src/core/syntaxDescendants';

const CODE = `export async function serve(ids: string[]) {
  const users = await Promise.all(ids.map((id) => load(id)));
  for (const user of users) log(user);
}
declare function load(id: string): Promise<string>;
declare function log(value: string): void;
`;

function sourceFile(text = CODE) {
  return new Project({ useInMemoryFileSystem: true }).createSourceFile('/code.ts', text);
}

describe('syntax descendants', () => {
  it('finds the nodes of a kind in document order, as the very wrappers ts-morph hands out', () => {
    const file = sourceFile();
    const calls = descendantsOfKind(file, SyntaxKind.CallExpression);
    assert.deepEqual(
      calls.map((call) => call.getText()),
      ['Promise.all(ids.map((id) => load(id)))', 'ids.map((id) => load(id))', 'load(id)', 'log(user)'],
    );
    assert.deepEqual(calls, file.getDescendantsOfKind(SyntaxKind.CallExpression));
  });

  it('finds identifiers, in the same order as ts-morph', () => {
    const file = sourceFile();
    const names = (nodes: Node[]) => nodes.map((node) => node.getText());
    assert.deepEqual(names(descendantsOfKind(file, SyntaxKind.Identifier)), names(file.getDescendantsOfKind(SyntaxKind.Identifier)));
  });

  it('lists the syntax nodes in document order, without the syntax lists and most tokens', () => {
    const fn = sourceFile().getFunctionOrThrow('serve');
    const all = descendants(fn);
    const fromTsMorph = fn.getDescendants();
    assert.deepEqual(
      all,
      fromTsMorph.filter((node) => all.includes(node)),
    );
    const nodes = fromTsMorph.filter((node) => node.getKind() >= SyntaxKind.FirstNode && node.getKind() !== SyntaxKind.SyntaxList);
    assert.deepEqual(
      nodes.filter((node) => !all.includes(node)),
      [],
    );
    // The compiler keeps a few tokens as children (`=>`, modifiers); brackets and commas are not among them.
    const unwanted = new Set([SyntaxKind.SyntaxList, SyntaxKind.OpenParenToken, SyntaxKind.OpenBraceToken, SyntaxKind.CommaToken, SyntaxKind.SemicolonToken]);
    assert.deepEqual(
      all.filter((node) => unwanted.has(node.getKind())),
      [],
    );
  });

  it('leaves out the code of nested functions when asked for the own code only', () => {
    const fn = sourceFile().getFunctionOrThrow('serve');
    assert.deepEqual(
      descendantsOfKind(fn, SyntaxKind.CallExpression, true).map((call) => call.getText()),
      ['Promise.all(ids.map((id) => load(id)))', 'ids.map((id) => load(id))', 'log(user)'],
    );
  });

  // TypeScript's own parser overflows a little deeper than this.
  it('walks blocks nested 1,000 deep', () => {
    const depth = 1_000;
    const file = sourceFile(`${'{'.repeat(depth)}f();${'}'.repeat(depth)}\ndeclare function f(): number;\n`);
    assert.equal(descendantsOfKind(file, SyntaxKind.Block).length, depth);
    assert.equal(descendantsOfKind(file, SyntaxKind.CallExpression).length, 1);
  });

  it('tells whether a node lies inside another', () => {
    const fn = sourceFile().getFunctionOrThrow('serve');
    const [, , load] = descendantsOfKind(fn, SyntaxKind.CallExpression);
    assert.equal(isInside(load, fn.getBody()), true);
    assert.equal(isInside(fn.getBodyOrThrow(), fn.getBody()), false);
    assert.equal(isInside(load, undefined), false);
  });
});
