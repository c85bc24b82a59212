// A blocking call whose result is kept for good the first time it runs: the cost is paid
// once per process, not per request, which is the usual way to load a template or a
// config lazily. blocking-call keeps these as hints in the experimental tier.
//   if (!config) config = JSON.parse(fs.readFileSync(file, 'utf8'));
//   return (cache ??= fs.readFileSync(file));
//   if (Manifest.data) return Manifest.data;  Manifest.data = JSON.parse(fs.readFileSync(file, 'utf8'));
// Or behind a guard on a value the same code then fills: a flag (`if (this.loaded) return;
// this.loaded = true; glob.sync(...)`), a slot filled in the guarded branch, or a cache
// keyed per input (`if (cache.has(k)) return cache.get(k); ... cache.set(k, v)`).
import { Node, SyntaxKind, ts, type Block, type IfStatement } from 'ts-morph';
import { compilerDescendants } from '../syntaxDescendants';
import { isFunctionLike } from './syncRegion';

const ASSIGNMENTS = new Set([SyntaxKind.EqualsToken, SyntaxKind.QuestionQuestionEqualsToken, SyntaxKind.BarBarEqualsToken]);

export function runsOnlyOnce(call: Node): boolean {
  return isKeptByItsAssignment(call) || isBehindMemoGuard(call);
}

function isKeptByItsAssignment(call: Node): boolean {
  for (let child: Node = call, parent = call.getParent(); parent && !isFunctionLike(parent); child = parent, parent = parent.getParent()) {
    if (!Node.isBinaryExpression(parent) || parent.getRight() !== child || !ASSIGNMENTS.has(parent.getOperatorToken().getKind())) continue;
    const target = parent.getLeft();
    if (!outlivesTheCall(target, call)) return false;
    if (parent.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return true;
    return isGuardedBy(parent, target.getText());
  }
  return false;
}

/** A module-level variable, a property of `this` or a class's static property: still there on the next call. */
function outlivesTheCall(target: Node, call: Node): boolean {
  if (Node.isPropertyAccessExpression(target)) {
    const owner = target.getExpression();
    return (
      owner.getKind() === SyntaxKind.ThisKeyword ||
      (Node.isIdentifier(owner) && (owner.getSymbol()?.getDeclarations() ?? []).some(Node.isClassDeclaration)) ||
      outlivesTheCall(owner, call)
    );
  }
  // `cache[key]`: a slot of a long-lived object.
  if (Node.isElementAccessExpression(target)) return outlivesTheCall(target.getExpression(), call);
  if (!Node.isIdentifier(target)) return false;
  const declaration = target.getSymbol()?.getValueDeclaration();
  const home = call.getFirstAncestor(isFunctionLike);
  return !!declaration && !!home && !declaration.getAncestors().includes(home);
}

/**
 * Inside `if (!x)`, `if (x === undefined)`, `if (x == null)` (or `!this.x`), or after
 * `if (x) return x;`: only while nothing is stored yet.
 */
function isGuardedBy(assignment: Node, target: string): boolean {
  const empty = [`!${target}`, `${target}===undefined`, `${target}==null`, `${target}===null`, `undefined===${target}`];
  const stored = [target, `${target}!==undefined`, `${target}!=null`, `${target}!==null`];
  for (let child: Node = assignment, parent = assignment.getParent(); parent && !isFunctionLike(parent); child = parent, parent = parent.getParent()) {
    if (Node.isIfStatement(parent) && parent.getThenStatement() === child && empty.includes(conditionText(parent))) return true;
    if (Node.isBlock(parent) && earlierStatements(parent, child).some((statement) => returnsWhenStored(statement, stored))) return true;
  }
  return false;
}

function conditionText(statement: IfStatement): string {
  return statement.getExpression().getText().replace(/\s+/g, '');
}

function earlierStatements(block: Block, statement: Node): Node[] {
  const statements = block.getStatements();
  const index = statements.indexOf(statement as (typeof statements)[number]);
  return index > 0 ? statements.slice(0, index) : [];
}

/** `if (x) return x;` or `if (x !== undefined) { return x; }`, with no `else`. */
function returnsWhenStored(statement: Node, stored: readonly string[]): boolean {
  if (!Node.isIfStatement(statement) || statement.getElseStatement() || !stored.includes(conditionText(statement))) return false;
  const then = statement.getThenStatement();
  const only = Node.isBlock(then) && then.getStatements().length === 1 ? then.getStatements()[0] : then;
  return Node.isReturnStatement(only);
}

/** What a guard tests: the memo (`this.loaded`, `cache`), the key for `cache.has(key)`, and whether it asks "already stored?". */
interface MemoTest {
  memo: Node;
  key?: string;
  stored: boolean;
}

const NOT_STORED = new Set(['undefined', 'null']);
const EQUALITY = new Set([SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.EqualsEqualsToken]);
const INEQUALITY = new Set([SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.ExclamationEqualsToken]);

/**
 * Inside `if (!memo) { ... }`, or after `if (memo) return ...;`, where the guarded code
 * fills `memo` itself (`memo = ...`, or `cache.set(key, ...)` for `cache.has(key)`): the
 * code after the guard runs once per process, or once per key.
 */
function isBehindMemoGuard(call: Node): boolean {
  for (let child: Node = call, parent = call.getParent(); parent && !isFunctionLike(parent); child = parent, parent = parent.getParent()) {
    if (Node.isIfStatement(parent) && parent.getThenStatement() === child) {
      const test = memoTest(parent.getExpression());
      if (test && !test.stored && isFilledIn([child], test, call)) return true;
    }
    if (Node.isBlock(parent) || Node.isSourceFile(parent)) {
      const statements: Node[] = parent.getStatements();
      const index = statements.indexOf(child);
      for (let i = 0; i < index; i++) {
        const test = earlyReturnTest(statements[i]);
        if (test && isFilledIn(statements.slice(i + 1), test, call)) return true;
      }
    }
  }
  return false;
}

/** `if (memo) return ...;` (or `{ return; }`), with no `else`: the test, when it asks "already stored?". */
function earlyReturnTest(statement: Node): MemoTest | undefined {
  if (!Node.isIfStatement(statement) || statement.getElseStatement()) return undefined;
  const then = statement.getThenStatement();
  const only = Node.isBlock(then) && then.getStatements().length === 1 ? then.getStatements()[0] : then;
  if (!Node.isReturnStatement(only)) return undefined;
  const test = memoTest(statement.getExpression());
  return test?.stored ? test : undefined;
}

function memoTest(condition: Node): MemoTest | undefined {
  const inner = unparenthesized(condition);
  if (Node.isPrefixUnaryExpression(inner) && inner.getOperatorToken() === SyntaxKind.ExclamationToken) {
    const test = memoTest(inner.getOperand());
    return test && { ...test, stored: !test.stored };
  }
  if (Node.isIdentifier(inner) || Node.isPropertyAccessExpression(inner) || Node.isElementAccessExpression(inner)) return { memo: inner, stored: true };
  if (Node.isCallExpression(inner)) {
    const callee = inner.getExpression();
    const [key, ...rest] = inner.getArguments();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'has' || !key || rest.length > 0) return undefined;
    return { memo: callee.getExpression(), key: compact(key), stored: true };
  }
  if (!Node.isBinaryExpression(inner)) return undefined;
  const operator = inner.getOperatorToken().getKind();
  if (!EQUALITY.has(operator) && !INEQUALITY.has(operator)) return undefined;
  const [left, right] = [inner.getLeft(), inner.getRight()];
  const memo = NOT_STORED.has(right.getText()) ? left : NOT_STORED.has(left.getText()) ? right : undefined;
  if (!memo || !(Node.isIdentifier(memo) || Node.isPropertyAccessExpression(memo) || Node.isElementAccessExpression(memo))) return undefined;
  return { memo, stored: INEQUALITY.has(operator) };
}

/**
 * Whether `statements` store into the tested memo (outside nested functions), the memo
 * outlives the call, and the function never empties it again: `if (this.busy) return;
 * this.busy = true; ... this.busy = false;` guards against overlap, not repetition.
 */
function isFilledIn(statements: readonly Node[], test: MemoTest, call: Node): boolean {
  if (!outlivesTheCall(test.memo, call)) return false;
  const memo = compact(test.memo);
  const fills = test.key === undefined ? (node: ts.Node) => storesInto(node, memo) : (node: ts.Node) => setsKey(node, memo, test.key ?? '');
  if (!statements.some((statement) => compilerDescendants(statement.compilerNode, true).some(fills))) return false;
  const body = call.getFirstAncestor(isFunctionLike)?.getBody();
  return !body || !compilerDescendants(body.compilerNode, true).some((node) => empties(node, memo));
}

/** `memo = value`, `memo ??= value` or `memo ||= value`, where the value is not an empty one (`= false`, `= undefined`). */
function storesInto(node: ts.Node, memo: string): boolean {
  if (!ts.isBinaryExpression(node) || !ASSIGNMENTS.has(node.operatorToken.kind)) return false;
  return compactText(node.left.getText()) === memo && !EMPTY_VALUES.has(node.right.getText());
}

/** `cache.set(key, value)` for the guard's own key. */
function setsKey(node: ts.Node, memo: string, key: string): boolean {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'set') return false;
  const [first] = node.arguments;
  return compactText(node.expression.expression.getText()) === memo && !!first && compactText(first.getText()) === key;
}

/** `memo = false` (or `undefined`, `null`), `delete memo`, `memo.delete(...)`, `memo.clear()`. */
function empties(node: ts.Node, memo: string): boolean {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken)
    return compactText(node.left.getText()) === memo && EMPTY_VALUES.has(node.right.getText());
  if (ts.isDeleteExpression(node)) return compactText(node.expression.getText()) === memo;
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  return ['delete', 'clear'].includes(node.expression.name.text) && compactText(node.expression.expression.getText()) === memo;
}

const EMPTY_VALUES = new Set(['false', 'undefined', 'null', '0', "''", '""']);

function compact(node: Node): string {
  return compactText(node.getText());
}

function compactText(text: string): string {
  return text.replace(/\s+/g, '');
}

function unparenthesized(node: Node): Node {
  return Node.isParenthesizedExpression(node) ? unparenthesized(node.getExpression()) : node;
}
