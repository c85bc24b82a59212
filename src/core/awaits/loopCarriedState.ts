// State a loop carries from one pass to the next. Every use of a place declared outside
// the body (`cursor`, `this.cache`, `out`) is classified as a read, a write, an
// accumulation (`total += x`, `count++`) or a mutation (`out.push(x)`, `byId[id] = x`).
// A place that one pass changes and a pass reads is carried state: `cursor = page.next`
// read by `list(cursor)`, `seen.add(id)` read by `seen.has(id)`. Accumulations and
// mutations nobody reads in the loop are collectors; they do not chain the passes.
import { Node, SyntaxKind, type Identifier } from 'ts-morph';
import { declarationOf, isPassLocal } from './loopPassScope';
import type { LoopShape } from './loopShape';

export type AccessRole = 'read' | 'write' | 'accumulate' | 'mutate';

export interface PlaceAccess {
  /** Root identity (a declaration, `this`, or an unresolved global's name) and the property path. */
  root: unknown;
  path: string[];
  role: AccessRole;
  /** The expression that names the place (`out`, `this.total`). */
  node: Node;
}

/** Methods that change the object they are called on. */
const MUTATING_METHODS = new Set(['push', 'unshift', 'set', 'add', 'delete', 'clear', 'append', 'sort', 'reverse', 'fill', 'copyWithin']);
/** Mutating methods whose result the caller also reads: each pass takes what the last one left. */
const TAKING_METHODS = new Set(['pop', 'shift', 'splice']);

const ASSIGNMENTS = new Set([SyntaxKind.EqualsToken]);
const COMPOUND_ASSIGNMENTS = new Set([
  SyntaxKind.PlusEqualsToken,
  SyntaxKind.MinusEqualsToken,
  SyntaxKind.AsteriskEqualsToken,
  SyntaxKind.SlashEqualsToken,
  SyntaxKind.PercentEqualsToken,
  SyntaxKind.AsteriskAsteriskEqualsToken,
  SyntaxKind.BarEqualsToken,
  SyntaxKind.AmpersandEqualsToken,
  SyntaxKind.CaretEqualsToken,
  SyntaxKind.LessThanLessThanEqualsToken,
  SyntaxKind.GreaterThanGreaterThanEqualsToken,
  SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken,
]);
/** `a ||= b` writes depending on what it reads, so it is a write and a read. */
const LOGICAL_ASSIGNMENTS = new Set([SyntaxKind.BarBarEqualsToken, SyntaxKind.AmpersandAmpersandEqualsToken, SyntaxKind.QuestionQuestionEqualsToken]);

/** Every access to a place declared outside the loop body, in the body and the repeated head. */
export function outerAccesses(shape: LoopShape): PlaceAccess[] {
  // A for-of reads its collection as it goes, so a pass that grows it feeds the passes
  // after it; an array literal (`[...rules, ...extra]`) is a copy made before the first pass.
  const liveCollection = shape.collection && !Node.isArrayLiteralExpression(shape.collection) ? [shape.collection] : [];
  const regions = [shape.body, ...shape.repeatedHead, ...liveCollection];
  const sanctioned = shape.counter?.updates ?? [];
  const accesses: PlaceAccess[] = [];
  for (const region of regions) {
    const visit = (node: Node): void => {
      if (sanctioned.includes(node)) return;
      if (Node.isIdentifier(node) || node.getKind() === SyntaxKind.ThisKeyword) {
        const root = rootOf(node, shape);
        if (root !== undefined) accesses.push(...classify(node, root));
      }
      node.forEachChild(visit);
    };
    visit(region);
  }
  return accesses;
}

/** The identity of an outer place named by `node`, or undefined if it is not one. */
function rootOf(node: Node, shape: LoopShape): unknown {
  if (!Node.isIdentifier(node)) return 'this';
  if (isNameOnly(node)) return undefined;
  const declaration = declarationOf(node);
  if (!declaration) return node.getSymbol() ? undefined : `global:${node.getText()}`;
  if (!isVariableLike(declaration)) return undefined;
  // The counter is a per-pass value, but only its update in the head may change it.
  if (declaration === shape.counter?.declaration) return declaration;
  return isPassLocal(declaration, shape) ? undefined : declaration;
}

function isVariableLike(declaration: Node): boolean {
  return Node.isVariableDeclaration(declaration) || Node.isParameterDeclaration(declaration) || Node.isBindingElement(declaration);
}

/** An identifier that names a property, a label or a declaration, not a value. */
function isNameOnly(identifier: Identifier): boolean {
  const parent = identifier.getParent();
  if (!parent) return true;
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) return true;
  if (Node.isPropertyAssignment(parent) && parent.getNameNode() === identifier) return true;
  if (Node.isLabeledStatement(parent) || Node.isBreakStatement(parent) || Node.isContinueStatement(parent)) return true;
  // `typeof x` in a type annotation reads nothing at run time.
  return identifier.getFirstAncestor((node) => Node.isTypeNode(node)) !== undefined;
}

function classify(start: Node, root: unknown): PlaceAccess[] {
  // Climb `a.b.c` to the longest plain property path.
  const path: string[] = [];
  let top: Node = start;
  for (let parent = top.getParent(); parent; parent = top.getParent()) {
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === top) {
      path.push(parent.getName());
      top = parent;
    } else if ((Node.isNonNullExpression(parent) || Node.isParenthesizedExpression(parent)) && parent.getExpression() === top) {
      top = parent;
    } else {
      break;
    }
  }
  const access = (role: AccessRole, at: string[] = path): PlaceAccess => ({ root, path: at, role, node: top });

  const parent = top.getParent();
  const writeKind = assignmentRole(top);
  if (writeKind === 'logical') return [access('write'), access('read')];
  if (writeKind) return [access(writeKind)];

  if (appendsToItself(top)) return [access('accumulate', path.at(-1) === 'concat' ? path.slice(0, -1) : path)];
  const method = path[path.length - 1];
  if (method && Node.isCallExpression(parent) && parent.getExpression() === top) {
    if (MUTATING_METHODS.has(method)) return [access('mutate', path.slice(0, -1))];
    if (TAKING_METHODS.has(method)) return [access('mutate', path.slice(0, -1)), access('read', path.slice(0, -1))];
  }
  // `byId[id] = x`, `rows[i].done = true`, `delete cache[key]`: the object changes.
  let target: Node = top;
  let throughElement = false;
  for (let p = target.getParent(); p; p = target.getParent()) {
    if (Node.isElementAccessExpression(p) && p.getExpression() === target) throughElement = true;
    else if (!(Node.isPropertyAccessExpression(p) && p.getExpression() === target)) break;
    target = p;
  }
  if (throughElement && (assignmentRole(target) || Node.isDeleteExpression(target.getParent()))) {
    return [access('mutate')];
  }
  return [access('read')];
}

/**
 * `all = all.concat(more)`, `all = [...all, item]`: the place read on the right is only
 * extended and stored back, an accumulation like `total += x`, not a value a pass reads.
 */
function appendsToItself(top: Node): boolean {
  let place = top;
  let value = top.getParent();
  if (Node.isPropertyAccessExpression(top) && top.getName() === 'concat' && Node.isCallExpression(value) && value.getExpression() === top)
    place = top.getExpression();
  else if (Node.isSpreadElement(value) && Node.isArrayLiteralExpression(value.getParent())) value = value.getParent();
  else return false;
  const assignment = value?.getParent();
  return (
    Node.isBinaryExpression(assignment) &&
    assignment.getRight() === value &&
    assignment.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
    assignment.getLeft().getText() === place.getText()
  );
}

/** Whether `node` is assigned: by `=`, a compound operator, `++`/`--`, or destructuring. */
function assignmentRole(node: Node): 'write' | 'accumulate' | 'logical' | undefined {
  const parent = node.getParent();
  if (Node.isBinaryExpression(parent) && parent.getLeft() === node) {
    const operator = parent.getOperatorToken().getKind();
    if (ASSIGNMENTS.has(operator)) return 'write';
    if (COMPOUND_ASSIGNMENTS.has(operator)) return 'accumulate';
    if (LOGICAL_ASSIGNMENTS.has(operator)) return 'logical';
  }
  if (Node.isPostfixUnaryExpression(parent) || Node.isPrefixUnaryExpression(parent)) {
    const operator = parent.getOperatorToken();
    if (operator === SyntaxKind.PlusPlusToken || operator === SyntaxKind.MinusMinusToken) return 'accumulate';
  }
  if (isDestructuringTarget(node)) return 'write';
  return undefined;
}

function isDestructuringTarget(node: Node): boolean {
  let current: Node = node;
  for (let parent = current.getParent(); parent; current = parent, parent = parent.getParent()) {
    const passThrough =
      Node.isArrayLiteralExpression(parent) ||
      Node.isObjectLiteralExpression(parent) ||
      Node.isSpreadElement(parent) ||
      Node.isSpreadAssignment(parent) ||
      Node.isShorthandPropertyAssignment(parent) ||
      (Node.isPropertyAssignment(parent) && parent.getInitializer() === current);
    if (passThrough) continue;
    return (
      Node.isBinaryExpression(parent) && parent.getLeft() === current && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken && current !== node
    );
  }
  return false;
}

function related(a: PlaceAccess, b: PlaceAccess): boolean {
  if (a.root !== b.root) return false;
  const n = Math.min(a.path.length, b.path.length);
  for (let i = 0; i < n; i++) if (a.path[i] !== b.path[i]) return false;
  return true;
}

/**
 * The first read of a place the loop also changes: the value one pass leaves for the next.
 * Undefined when every changed place is a collector nobody reads inside the loop.
 */
export function carriedRead(accesses: readonly PlaceAccess[]): PlaceAccess | undefined {
  const changes = accesses.filter((a) => a.role !== 'read');
  return accesses.find((a) => a.role === 'read' && changes.some((c) => related(a, c)));
}
