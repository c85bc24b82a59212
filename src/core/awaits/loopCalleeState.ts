// State an awaited call may share between the passes of a loop without the loop body
// showing it: the called function (when its body is in the project) writes fields of
// `this`, variables of its module, or the contents of an argument every pass passes
// (`tally.count++`); or the pass hands it an array, map or set from outside the loop.
// Passes that meet in such state may depend on their order, so the rule is less sure.
import { Node, SyntaxKind, type ArrowFunction, type CallExpression, type FunctionDeclaration, type FunctionExpression, type MethodDeclaration, type NewExpression } from 'ts-morph';
import { descendants } from '../syntaxDescendants';
import { variesPerPass } from './loopPassScope';
import type { LoopShape } from './loopShape';

const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'set', 'add', 'delete', 'clear', 'sort', 'reverse', 'fill']);

/** What a function writes that outlives one call: `this`, module variables, or its parameters' contents. */
interface WriteSummary {
  shared: boolean;
  /** Positions of the parameters whose contents it changes (`deletes.count++`). */
  parameters: Set<number>;
}

// Keyed by the compiler's declaration node, which is replaced on every edit.
const summaries = new WeakMap<object, WriteSummary>();

/** Whether the awaited call writes state the next pass's call can see. */
export function callSharesState(call: CallExpression | NewExpression, shape: LoopShape): boolean {
  const args = call.getArguments() ?? [];
  const sameArgumentEveryPass = (index: number): boolean => !!args[index] && !variesPerPass(args[index], shape);
  const writesShared = calleeSummaries(call).some(({ shared, parameters }) => shared || [...parameters].some(sameArgumentEveryPass));
  return writesShared || passesOuterCollection(call, shape);
}

function calleeSummaries(call: CallExpression | NewExpression): WriteSummary[] {
  const callee = call.getExpression();
  const nameNode = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  const declarations = nameNode.getSymbol()?.getDeclarations() ?? [];
  return declarations.flatMap((declaration) => {
    const fn = functionOf(declaration);
    if (!fn) return [];
    let summary = summaries.get(declaration.compilerNode);
    if (!summary) {
      summary = summarize(fn);
      summaries.set(declaration.compilerNode, summary);
    }
    return [summary];
  });
}

type FunctionNode = FunctionDeclaration | MethodDeclaration | ArrowFunction | FunctionExpression;

/** The function a declaration stands for: itself, or the function a variable or field holds. */
function functionOf(declaration: Node): FunctionNode | undefined {
  if (declaration.getSourceFile().isDeclarationFile()) return undefined;
  const fn = Node.isVariableDeclaration(declaration) || Node.isPropertyDeclaration(declaration) ? declaration.getInitializer() : declaration;
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) return fn;
  return undefined;
}

function summarize(fn: FunctionNode): WriteSummary {
  const summary: WriteSummary = { shared: false, parameters: new Set() };
  const parameters = fn.getParameters();
  const body = fn.getBody();
  for (const node of body ? descendants(body) : []) {
    const target = writtenTarget(node);
    if (!target) continue;
    const root = memberRoot(target);
    if (!root) continue;
    if (root.getKind() === SyntaxKind.ThisKeyword || isModuleVariable(root)) summary.shared = true;
    const declaration = Node.isIdentifier(root) ? root.getSymbol()?.getDeclarations()[0] : undefined;
    const index = parameters.findIndex((p) => p === declaration);
    if (index >= 0) summary.parameters.add(index);
  }
  return summary;
}

/** What an assignment, `++`/`--` or mutating method call changes. */
function writtenTarget(node: Node): Node | undefined {
  if (Node.isBinaryExpression(node)) {
    const operator = node.getOperatorToken().getKind();
    return operator >= SyntaxKind.FirstAssignment && operator <= SyntaxKind.LastAssignment ? node.getLeft() : undefined;
  }
  if (Node.isPrefixUnaryExpression(node) || Node.isPostfixUnaryExpression(node)) {
    const operator = node.getOperatorToken();
    return operator === SyntaxKind.PlusPlusToken || operator === SyntaxKind.MinusMinusToken ? node.getOperand() : undefined;
  }
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression();
    if (Node.isPropertyAccessExpression(callee) && MUTATING_METHODS.has(callee.getName())) return callee;
  }
  return undefined;
}

/** `this` in `this.cache[k]`, `deletes` in `deletes.count`: the object whose contents change. Undefined for a plain local. */
function memberRoot(target: Node): Node | undefined {
  let root = target;
  let throughMember = false;
  while (Node.isPropertyAccessExpression(root) || Node.isElementAccessExpression(root) || Node.isNonNullExpression(root)) {
    throughMember = throughMember || !Node.isNonNullExpression(root);
    root = root.getExpression();
  }
  if (root.getKind() === SyntaxKind.ThisKeyword) return throughMember ? root : undefined;
  if (!Node.isIdentifier(root)) return undefined;
  // A module variable is shared even when assigned whole; anything else only through a member.
  return throughMember || isModuleVariable(root) ? root : undefined;
}

function isModuleVariable(identifier: Node): boolean {
  const declaration = identifier.getSymbol()?.getDeclarations()[0];
  return Node.isVariableDeclaration(declaration) && Node.isSourceFile(declaration.getVariableStatement()?.getParent());
}

/** `collect(item, results)` with `results` an array, map or set from outside the loop. */
function passesOuterCollection(call: CallExpression | NewExpression, shape: LoopShape): boolean {
  return (call.getArguments() ?? []).some((argument) => {
    if (!Node.isIdentifier(argument) && !Node.isPropertyAccessExpression(argument)) return false;
    if (variesPerPass(argument, shape)) return false;
    const type = argument.getType();
    const name = type.getSymbol()?.getName();
    return (type.isArray() && !type.isReadonlyArray()) || name === 'Map' || name === 'Set';
  });
}
