// The fix for a lost update: let the read and the write run with no await between them.
//   this.spent += await priceOf(sku);    →  const price = await priceOf(sku);
//                                             this.spent += price;
//   const current = this.balance;        →  await audit();
//   await audit();                           const current = this.balance;
//   this.balance = current - amount;         this.balance = current - amount;
// Only where the order of effects stays the same: what moves is a plain read, and what it
// moves past cannot see the state (it does not mention it and is no method of the object).
import { Node, SyntaxKind, VariableDeclarationKind, ts, type AwaitExpression, type Statement } from 'ts-morph';
import { readsAny } from '../awaits/dataFlow';
import type { Fix } from '../finding';
import { indentationAt, lineStartOf, newlineOf, nextLineStart, startsLine } from '../locks/codeLayout';
import { replaceNode, replaceSpan } from '../ranges';
import { compilerDescendants } from '../syntaxDescendants';
import { fixTitle } from '../templateText';
import type { LockContext } from '../locks/resolution';
import { existingLockFix, type RaceFixes } from './existingLockFix';
import type { LostUpdate } from './lostUpdates';
import type { SharedState } from './sharedState';

const SHORT_CIRCUIT = new Set([SyntaxKind.AmpersandAmpersandToken, SyntaxKind.BarBarToken, SyntaxKind.QuestionQuestionToken]);
/** Verbs a result variable does without: `getPrice()` gives `price`. */
const LEADING_VERB = /^(get|fetch|load|read|compute|calculate|lookup|find|query)(?=[A-Z])/;
const TRAILING_PREPOSITION = /(?<=[a-z])(Of|For|By|From)$/;

export function lostUpdateFixes(update: LostUpdate, locks: LockContext): RaceFixes {
  if (update.kind === 'reset') {
    const fix = ownValueGuardFix(update);
    return { fixes: fix ? [fix] : [] };
  }
  if (update.state.visibleToOtherModules) return { fixes: [] };
  const moved = update.kind === 'derived' ? readAfterAwaitFix(update, locks.checker) : awaitFirstFix(update, locks.checker);
  if (moved) return { fixes: [moved] };
  // Where the read cannot move past the await, a lock the code already takes can hold from the read to the write.
  const held = existingLockFix(
    {
      fn: update.fn,
      from: update.read,
      to: update.write,
      state: update.state,
      title: (lock) => fixTitle('Hold {lock} from the read of {state} to the write (calls then run one at a time)', { lock, state: update.state.key }),
    },
    locks,
  );
  return held ? { fixes: [held.fix], heldLock: held.lock } : { fixes: [] };
}

/**
 * `ref.current = null;` → `if (ref.current === controller) ref.current = null;`, where
 * `controller` is the local this call stored before the await. Only when the value was a
 * local: an inline `new X()` has nothing left to compare with.
 */
function ownValueGuardFix(update: LostUpdate): Fix | undefined {
  const { write, read, state } = update;
  const statement = write.getParent();
  const own = Node.isBinaryExpression(read) ? read.getRight() : undefined;
  if (!Node.isExpressionStatement(statement) || !inStatementList(statement) || !Node.isIdentifier(own)) return undefined;
  // The local must still be in scope where the reset is (not declared in a `try` whose `finally` clears).
  const declaration = own.getSymbol()?.getValueDeclaration();
  const scope = declaration?.getFirstAncestor((node) => Node.isBlock(node) || Node.isSourceFile(node));
  if (!scope || !(scope.getStart() <= statement.getStart() && statement.getEnd() <= scope.getEnd())) return undefined;
  return {
    ...fixTitle("Clear {state} only if it still holds this call's value", { state: state.key }),
    isPreferred: true,
    edits: [replaceNode(statement, `if (${write.getLeft().getText()} === ${own.getText()}) ${statement.getText()}`)],
  };
}

/** `x += await f()` → `const v = await f(); x += v;`, and the same for `x = x + (await f())`. */
function awaitFirstFix(update: LostUpdate, checker: ts.TypeChecker): Fix | undefined {
  const { write, awaited, state } = update;
  const statement = write.getParent();
  if (!Node.isExpressionStatement(statement) || !inStatementList(statement) || !Node.isAwaitExpression(awaited)) return undefined;
  const right = write.getRight();
  const inRight = compilerDescendants(right.compilerNode, true);
  if (inRight.filter(ts.isAwaitExpression).length + (ts.isAwaitExpression(right.compilerNode) ? 1 : 0) !== 1) return undefined;
  if (!alwaysEvaluated(awaited, right)) return undefined;
  // What runs before the await now runs after it: only plain reads may.
  const before = [right.compilerNode, ...inRight].filter((node) => node.end <= awaited.getStart());
  if (before.some(hasEffects)) return undefined;
  const operand = awaited.getExpression();
  if (observesState(operand, state, checker)) return undefined;
  const text = statement.getSourceFile().getFullText();
  const name = resultName(operand, text);
  const replaced = Node.isParenthesizedExpression(awaited.getParent()) ? awaited.getParentOrThrow() : awaited;
  const newline = newlineOf(text);
  return {
    ...fixTitle('Await {awaited} before reading {state}', { awaited: operand.getText(), state: state.key }),
    edits: [
      replaceSpan(
        statement.getSourceFile(),
        statement.getStart(),
        statement.getStart(),
        `const ${name} = ${awaited.getText()};${newline}${indentationAt(text, statement.getStart())}`,
      ),
      replaceNode(replaced, name),
    ],
    isPreferred: true,
  };
}

/** `const current = this.balance; await audit(); this.balance = …` → the declaration moves down to the write. */
function readAfterAwaitFix(update: LostUpdate, checker: ts.TypeChecker): Fix | undefined {
  const { write, readStatement, state } = update;
  const writeStatement = write.getParent();
  if (
    !readStatement ||
    !Node.isExpressionStatement(writeStatement) ||
    readStatement.getParent() !== writeStatement.getParent() ||
    !inStatementList(writeStatement)
  )
    return undefined;
  const [declaration, ...others] = readStatement.getDeclarations();
  const initializer = declaration?.getInitializer();
  if (!initializer || others.length > 0 || readStatement.getDeclarationKind() !== VariableDeclarationKind.Const) return undefined;
  if ([initializer.compilerNode, ...compilerDescendants(initializer.compilerNode)].some(hasEffects)) return undefined;
  const symbol = declaration.getNameNode().getSymbol()?.compilerSymbol;
  const statements = (writeStatement.getParentOrThrow() as Node & { getStatements(): Statement[] }).getStatements();
  const between = statements.slice(statements.indexOf(readStatement) + 1, statements.indexOf(writeStatement));
  if (!symbol || between.some((s) => mentions(s, symbol, checker) || observesState(s, state, checker))) return undefined;
  const sourceFile = readStatement.getSourceFile();
  const text = sourceFile.getFullText();
  const start = readStatement.getStart();
  const ownLine = startsLine(text, start) && text.slice(readStatement.getEnd(), nextLineStart(text, readStatement.getEnd())).trim() === '';
  const removal = ownLine
    ? replaceSpan(sourceFile, lineStartOf(text, start), nextLineStart(text, readStatement.getEnd()), '')
    : replaceSpan(sourceFile, start, readStatement.getEnd(), '');
  const insertAt = writeStatement.getStart();
  return {
    ...fixTitle('Read {state} after the await', { state: state.key }),
    edits: [removal, replaceSpan(sourceFile, insertAt, insertAt, `${readStatement.getText()}${newlineOf(text)}${indentationAt(text, insertAt)}`)],
    isPreferred: true,
  };
}

function inStatementList(statement: Node): boolean {
  const parent = statement.getParent();
  return Node.isBlock(parent) || Node.isSourceFile(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent);
}

/** Not in one branch of `? :`, `&&`, `||` or `??`: hoisted, it would run when it did not before. */
function alwaysEvaluated(awaited: AwaitExpression, right: Node): boolean {
  for (let current: Node = awaited; current !== right; ) {
    const parent = current.getParent();
    if (!parent) return false;
    if (Node.isConditionalExpression(parent) && parent.getCondition() !== current) return false;
    if (Node.isBinaryExpression(parent) && SHORT_CIRCUIT.has(parent.getOperatorToken().getKind()) && parent.getRight() === current) return false;
    current = parent;
  }
  return true;
}

/** Code that does something besides reading: a call, an assignment, `++`, `delete`. */
function hasEffects(node: ts.Node): boolean {
  if (
    ts.isCallExpression(node) ||
    ts.isNewExpression(node) ||
    ts.isTaggedTemplateExpression(node) ||
    ts.isDeleteExpression(node) ||
    ts.isAwaitExpression(node) ||
    ts.isYieldExpression(node)
  )
    return true;
  if (ts.isBinaryExpression(node)) return node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  return (
    (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
    (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)
  );
}

/**
 * Whether code may see or change the state: it mentions `this` (a method of the same
 * object, or the object handed on) for a field, or reads the variable, also through the
 * functions of the file it calls.
 */
function observesState(node: Node, state: SharedState, checker: ts.TypeChecker): boolean {
  if (!state.rootSymbol)
    return [node.compilerNode, ...compilerDescendants(node.compilerNode)].some(
      (n) => n.kind === ts.SyntaxKind.ThisKeyword || n.kind === ts.SyntaxKind.SuperKeyword,
    );
  return readsAny(node, new Set([state.rootSymbol]), checker);
}

function mentions(node: Node, symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  return compilerDescendants(node.compilerNode).some((n) => ts.isIdentifier(n) && checker.getSymbolAtLocation(n) === symbol);
}

/** `priceOf(sku)` → `price`: the callee's name without its verb, unused anywhere in the file. */
function resultName(operand: Node, fileText: string): string {
  let callee: Node = operand;
  while (Node.isCallExpression(callee) || Node.isParenthesizedExpression(callee)) callee = callee.getExpression();
  const last = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : 'value';
  const stem = last.replace(LEADING_VERB, '').replace(TRAILING_PREPOSITION, '');
  const base = stem.charAt(0).toLowerCase() + stem.slice(1);
  const taken = (name: string): boolean => new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(fileText);
  for (const candidate of [base, `${base}Value`, `awaited${stem.charAt(0).toUpperCase()}${stem.slice(1)}`]) {
    if (/^[A-Za-z_$][\w$]*$/.test(candidate) && !taken(candidate) && !RESERVED.has(candidate)) return candidate;
  }
  let index = 2;
  while (taken(`${base}Value${index}`)) index++;
  return `${base}Value${index}`;
}

const RESERVED = new Set([
  'delete',
  'new',
  'this',
  'void',
  'default',
  'in',
  'of',
  'do',
  'if',
  'for',
  'let',
  'var',
  'const',
  'class',
  'function',
  'return',
  'await',
  'yield',
  'typeof',
  'instanceof',
]);
