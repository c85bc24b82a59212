// What a loop iterates over, read from its head: the item binding of a for-of/for-in,
// or the counter of an index loop (`for (let i = 0; i < ids.length; i++)`, or a `while`
// with `i++` as a statement of its body). A loop with neither (a poll, a queue drain, a
// linked-list walk) has no shape: its iterations are chained by construction.
import {
  Node,
  SyntaxKind,
  VariableDeclarationKind,
  type DoStatement,
  type Expression,
  type ForInStatement,
  type ForOfStatement,
  type ForStatement,
  type Statement,
  type WhileStatement,
} from 'ts-morph';
import { literalLength } from '../eventLoop/loopBounds';
import { firstDescendantOfKind } from '../syntaxDescendants';

export type LoopStatement = ForStatement | ForOfStatement | ForInStatement | WhileStatement | DoStatement;

export interface Counter {
  /** The counter's declaration: in the loop head for `for`, before the loop for `while`. */
  declaration: Node;
  name: string;
  /** The nodes allowed to write the counter: the update in the head, or the `i++` statement. */
  updates: Node[];
  /** The counter's first value, when it is a literal. */
  start?: number;
  step: number;
  comparison: '<' | '<=' | '>' | '>=' | '!==' | '!=';
  /** What the counter is compared against (`ids.length`, `n`). */
  bound: Expression;
}

interface LoopShapeBase {
  loop: LoopStatement;
  body: Statement;
  /** Head parts that run on every pass: condition and update. */
  repeatedHead: Node[];
}

export interface CollectionLoop extends LoopShapeBase {
  kind: 'for-of' | 'for-in';
  collection: Expression;
  /** The binding as written after `const`/`let` (`id`, `{ id, email }`). */
  binding: Node;
  bindingKeyword: 'const' | 'let' | 'var';
  counter?: undefined;
}

export interface CountedLoop extends LoopShapeBase {
  kind: 'for' | 'while' | 'do-while';
  counter: Counter;
  collection?: undefined;
  binding?: undefined;
}

export type LoopShape = CollectionLoop | CountedLoop;

export function isLoopStatement(node: Node): node is LoopStatement {
  return Node.isForStatement(node) || Node.isForOfStatement(node) || Node.isForInStatement(node) || Node.isWhileStatement(node) || Node.isDoStatement(node);
}

/**
 * The loop whose body runs `node` once per pass, within the same function. A node in a
 * loop's condition or update is not in a body (it decides whether there is a next pass),
 * so it has no such loop; a node in a for-of collection or a for initializer runs once
 * per pass of the loop around that one, if any.
 */
export function enclosingLoop(node: Node): LoopStatement | undefined {
  let child: Node = node;
  for (let parent = node.getParent(); parent; child = parent, parent = parent.getParent()) {
    if (isFunctionBoundary(parent)) return undefined;
    if (!isLoopStatement(parent)) continue;
    if (parent.getStatement() === child) return parent;
    if (Node.isForStatement(parent) && parent.getInitializer() === child) continue;
    if ((Node.isForOfStatement(parent) || Node.isForInStatement(parent)) && parent.getExpression() === child) continue;
    return undefined;
  }
  return undefined;
}

export function isFunctionBoundary(node: Node): boolean {
  return (
    Node.isFunctionDeclaration(node) ||
    Node.isFunctionExpression(node) ||
    Node.isArrowFunction(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node) ||
    Node.isClassStaticBlockDeclaration(node)
  );
}

export function loopShape(loop: LoopStatement): LoopShape | undefined {
  const body = loop.getStatement();
  if (Node.isForOfStatement(loop) || Node.isForInStatement(loop)) {
    const initializer = loop.getInitializer();
    // `for (x of xs)` assigns an outer variable on every pass; too rare to model.
    if (!Node.isVariableDeclarationList(initializer)) return undefined;
    const [declaration] = initializer.getDeclarations();
    if (!declaration) return undefined;
    const kind = initializer.getDeclarationKind();
    return {
      loop,
      kind: Node.isForOfStatement(loop) ? 'for-of' : 'for-in',
      body,
      collection: loop.getExpression(),
      binding: declaration.getNameNode(),
      bindingKeyword: kind === VariableDeclarationKind.Const ? 'const' : kind === VariableDeclarationKind.Let ? 'let' : 'var',
      repeatedHead: [],
    };
  }
  if (Node.isForStatement(loop)) {
    const counter = forCounter(loop);
    if (!counter) return undefined;
    return { loop, kind: 'for', body, counter, repeatedHead: [loop.getConditionOrThrow(), loop.getIncrementorOrThrow()] };
  }
  const counter = whileCounter(loop);
  if (!counter) return undefined;
  return { loop, kind: Node.isWhileStatement(loop) ? 'while' : 'do-while', body, counter, repeatedHead: [loop.getExpression()] };
}

/** `for (let i = <start>; i < <bound>; i++)`, with exactly one update of one declared counter. */
function forCounter(loop: ForStatement): Counter | undefined {
  const initializer = loop.getInitializer();
  const condition = loop.getCondition();
  const incrementor = loop.getIncrementor();
  if (!initializer || !condition || !incrementor || !Node.isVariableDeclarationList(initializer)) return undefined;
  const update = counterUpdate(incrementor);
  if (!update) return undefined;
  const declaration = initializer.getDeclarations().find((d) => d.getName() === update.name);
  if (!declaration || !Node.isIdentifier(declaration.getNameNode())) return undefined;
  const compared = comparison(condition, update.name);
  if (!compared || !movesTowardBound(compared.comparison, update.step)) return undefined;
  return {
    declaration,
    name: update.name,
    updates: [incrementor],
    start: numericLiteral(declaration.getInitializer()),
    step: update.step,
    ...compared,
  };
}

/**
 * `let i = 0; while (i < ids.length) { ...; i++; }`: the counter is declared before the
 * loop and advanced by one statement at the top level of the body, never elsewhere.
 */
function whileCounter(loop: WhileStatement | DoStatement): Counter | undefined {
  const body = loop.getStatement();
  if (!Node.isBlock(body)) return undefined;
  const updates = body
    .getStatements()
    .filter(Node.isExpressionStatement)
    .map((statement) => ({ statement, update: counterUpdate(statement.getExpression()) }))
    .filter((u): u is { statement: typeof u.statement; update: NonNullable<typeof u.update> } => !!u.update);
  if (updates.length !== 1) return undefined;
  const [{ statement, update }] = updates;
  const compared = comparison(loop.getExpression(), update.name);
  if (!compared || !movesTowardBound(compared.comparison, update.step)) return undefined;
  const identifier = firstDescendantOfKind(statement, SyntaxKind.Identifier);
  const declaration = identifier?.getSymbol()?.getDeclarations()[0];
  if (!declaration || !Node.isVariableDeclaration(declaration)) return undefined;
  return {
    declaration,
    name: update.name,
    updates: [statement],
    start: numericLiteral(declaration.getInitializer()),
    step: update.step,
    ...compared,
  };
}

/** `i++`, `++i`, `i--`, `--i`, `i += <number>`, `i -= <number>`. */
function counterUpdate(expression: Node): { name: string; step: number } | undefined {
  if (Node.isPostfixUnaryExpression(expression) || Node.isPrefixUnaryExpression(expression)) {
    const operand = expression.getOperand();
    const operator = expression.getOperatorToken();
    if (!Node.isIdentifier(operand)) return undefined;
    if (operator === SyntaxKind.PlusPlusToken) return { name: operand.getText(), step: 1 };
    if (operator === SyntaxKind.MinusMinusToken) return { name: operand.getText(), step: -1 };
    return undefined;
  }
  if (Node.isBinaryExpression(expression)) {
    const left = expression.getLeft();
    const operator = expression.getOperatorToken().getKind();
    const amount = numericLiteral(expression.getRight());
    if (!Node.isIdentifier(left) || amount === undefined || amount === 0) return undefined;
    if (operator === SyntaxKind.PlusEqualsToken) return { name: left.getText(), step: amount };
    if (operator === SyntaxKind.MinusEqualsToken) return { name: left.getText(), step: -amount };
  }
  return undefined;
}

/** `i < n` with `i--` is not an index loop; whatever it is, it is not one pass per index. */
function movesTowardBound(comparison: Counter['comparison'], step: number): boolean {
  if (comparison === '<' || comparison === '<=') return step > 0;
  if (comparison === '>' || comparison === '>=') return step < 0;
  return true;
}

const COMPARISONS: Partial<Record<SyntaxKind, Counter['comparison']>> = {
  [SyntaxKind.LessThanToken]: '<',
  [SyntaxKind.LessThanEqualsToken]: '<=',
  [SyntaxKind.GreaterThanToken]: '>',
  [SyntaxKind.GreaterThanEqualsToken]: '>=',
  [SyntaxKind.ExclamationEqualsEqualsToken]: '!==',
  [SyntaxKind.ExclamationEqualsToken]: '!=',
};
const MIRRORED: Record<Counter['comparison'], Counter['comparison']> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '!==': '!==', '!=': '!=' };

/** `i < bound` or `bound > i`, normalised so the counter is on the left. */
function comparison(condition: Node, name: string): { comparison: Counter['comparison']; bound: Expression } | undefined {
  const unwrapped = Node.isParenthesizedExpression(condition) ? condition.getExpression() : condition;
  if (!Node.isBinaryExpression(unwrapped)) return undefined;
  const operator = COMPARISONS[unwrapped.getOperatorToken().getKind()];
  if (!operator) return undefined;
  const left = unwrapped.getLeft();
  const right = unwrapped.getRight();
  if (Node.isIdentifier(left) && left.getText() === name) return { comparison: operator, bound: right };
  if (Node.isIdentifier(right) && right.getText() === name) return { comparison: MIRRORED[operator], bound: left };
  return undefined;
}

function numericLiteral(node: Node | undefined): number | undefined {
  if (!node) return undefined;
  if (Node.isNumericLiteral(node)) return node.getLiteralValue();
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.MinusToken) {
    const inner = numericLiteral(node.getOperand());
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

/**
 * How many passes a loop makes when its head alone decides it: a for-of over an array
 * literal (written there, or a `const` bound to one that nothing changes), or a counter
 * between two literals. Undefined otherwise.
 */
export function fixedPassCount(shape: LoopShape): number | undefined {
  const { collection, counter } = shape;
  if (collection && shape.kind === 'for-of') {
    const length = literalLength(collection);
    if (length !== undefined) return length;
  }
  if (counter && counter.start !== undefined) {
    const bound = numericLiteral(counter.bound);
    if (bound === undefined) return undefined;
    const span = counter.step > 0 ? bound - counter.start : counter.start - bound;
    const inclusive = counter.comparison === '<=' || counter.comparison === '>=';
    const passes = Math.ceil((span + (inclusive ? 1 : 0)) / Math.abs(counter.step));
    return Math.max(0, passes);
  }
  return undefined;
}
