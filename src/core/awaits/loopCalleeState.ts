// State an awaited call may share between the passes of a loop without the loop body
// showing it: the called function (when its body is in the project, looked up through
// `fn.call(this, …)` and `fn.apply(this, […])` too) writes fields of `this`, variables
// from outside itself (its module's, or a closure's: a memo it checks and fills), or the
// contents of an argument every pass passes (`tally.count++`); it finds or creates a
// record, by its name or by its body (two passes with one key would both create it), or
// the loop body does so around it; or the pass hands it an array, map or set from
// outside the loop. Passes that meet in such state may depend on their order, so the
// rule is less sure. A callee that reads an outer variable and reassigns it
// (`remotes = remotes.filter(…)`) hands each pass what the last one left: the passes
// depend on each other.
import {
  Node,
  SyntaxKind,
  type ArrowFunction,
  type CallExpression,
  type FunctionDeclaration,
  type FunctionExpression,
  type MethodDeclaration,
  type NewExpression,
} from 'ts-morph';
import { WeakCache } from '../analysisCaches';
import type { AnalyzerSettings } from '../settings';
import { descendants } from '../syntaxDescendants';
import { calleeSummary, MUTATING_METHODS, writtenTarget } from './calleeSummary';
import { checksThenCreates } from './checkThenCreate';
import { variesPerPass } from './loopPassScope';
import type { LoopShape } from './loopShape';

/** `findOrCreate`, `getOrCreateUser`, `first_or_create`: a read, then a write if it found nothing. */
const FIND_OR_CREATE = /(^|[a-z])(Or|_or_)(Create|Insert)([A-Z_]|$)/;

/** What a function writes that outlives one call: `this`, module variables, or its parameters' contents. */
interface WriteSummary {
  shared: boolean;
  /** Positions of the parameters whose contents it changes (`deletes.count++`). */
  parameters: Set<number>;
  /** Reads a variable from outside itself and reassigns it: the next call sees what this one left. */
  carries: boolean;
  /** The declarations of the variables it carries that way. */
  carried: Node[];
  /** The function's own node. */
  fn: Node;
  /** Looks a record up and creates it when it is missing. */
  checksThenCreates: boolean;
}

/** The function a call runs and the arguments its parameters get: through `fn.call(this, a)` and `fn.apply(this, [a])` too. */
interface CalledFunction {
  nameNode: Node;
  /** Undefined where the arguments cannot be matched to parameters (`fn.apply(this, args)`). */
  args: Node[] | undefined;
}

// Per declaration. Depends on: its file's text (the body, and which variables it declares itself).
const summaries = new WeakCache<object, WriteSummary>();

/** Whether the awaited call writes state the next pass's call can see. */
export function callSharesState(call: CallExpression | NewExpression, shape: LoopShape, settings: AnalyzerSettings): boolean {
  const { args } = calledFunction(call);
  const sameArgumentEveryPass = (index: number): boolean => !args || (!!args[index] && !variesPerPass(args[index], shape));
  const called = calleeSummaries(call);
  const writesShared = called.some(({ shared, parameters }) => shared || [...parameters].some(sameArgumentEveryPass));
  return (
    writesShared ||
    changesObjectEveryPass(call, sameArgumentEveryPass, settings) ||
    called.some((s) => s.checksThenCreates) ||
    findsOrCreates(call, shape) ||
    passesOuterCollection(call, shape)
  );
}

/**
 * `await drawField(pdfDoc, field)` for each field, where the callee calls methods on the
 * document it is handed (`pdf.embedFont(…)`, `pdf.registerFontkit(…)`): every pass changes
 * one object through methods whose effects we cannot see, so the order may matter.
 */
function changesObjectEveryPass(call: CallExpression | NewExpression, sameArgumentEveryPass: (index: number) => boolean, settings: AnalyzerSettings): boolean {
  if (!Node.isCallExpression(call)) return false;
  const summary = calleeSummary(call, settings);
  return !!summary && [...summary.mutatedParameters].some(sameArgumentEveryPass);
}

/** Whether the called function reads a variable from outside itself and reassigns it. */
export function calleeCarriesState(call: CallExpression): boolean {
  return calleeSummaries(call).some((s) => s.carries);
}

/** What `calleeCarriesState` found: each called function and the variables it carries. */
export function carriedVariables(call: CallExpression): Array<{ fn: Node; variables: Node[] }> {
  return calleeSummaries(call)
    .filter((s) => s.carries)
    .map((s) => ({ fn: s.fn, variables: s.carried }));
}

/** `findOrCreate(name)` by its name, or a loop body that looks up the pass's item and creates it when missing. */
function findsOrCreates(call: CallExpression | NewExpression, shape: LoopShape): boolean {
  const callee = call.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  return FIND_OR_CREATE.test(name) || checksThenCreates(shape.body, (lookup) => lookup.getArguments().some((a) => variesPerPass(a, shape)));
}

function calledFunction(call: CallExpression | NewExpression): CalledFunction {
  const callee = call.getExpression();
  const args = call.getArguments() ?? [];
  if (Node.isPropertyAccessExpression(callee) && (callee.getName() === 'call' || callee.getName() === 'apply')) {
    const fn = callee.getExpression();
    const nameNode = Node.isPropertyAccessExpression(fn) ? fn.getNameNode() : fn;
    if (callee.getName() === 'call') return { nameNode, args: args.slice(1) };
    const list = args[1];
    return { nameNode, args: list && Node.isArrayLiteralExpression(list) ? list.getElements() : undefined };
  }
  return { nameNode: Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee, args };
}

function calleeSummaries(call: CallExpression | NewExpression): WriteSummary[] {
  const { nameNode } = calledFunction(call);
  const declarations = nameNode.getSymbol()?.getDeclarations() ?? [];
  return declarations.flatMap((declaration) => {
    const fn = functionOf(declaration);
    if (!fn) return [];
    return [summaries.get(declaration.compilerNode, () => summarize(fn))];
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
  const body = fn.getBody();
  const summary: WriteSummary = { shared: false, parameters: new Set(), carries: false, carried: [], fn, checksThenCreates: !!body && checksThenCreates(body) };
  const parameters = fn.getParameters();
  const nodes = body ? descendants(body) : [];
  const reassigned = new Set<Node>();
  for (const node of nodes) {
    const target = writtenTarget(node) ?? inPlaceCollectionCall(node);
    if (!target) continue;
    const root = memberRoot(target, fn);
    if (!root) continue;
    if (root.getKind() === SyntaxKind.ThisKeyword || isOuterVariable(root, fn)) summary.shared = true;
    const declaration = Node.isIdentifier(root) ? root.getSymbol()?.getDeclarations()[0] : undefined;
    // `remotes = …`, `count++`: the outer variable itself, not its contents.
    if (root === target && declaration && isOuterVariable(root, fn)) reassigned.add(declaration);
    const index = parameters.findIndex((p) => p === declaration);
    if (index >= 0) summary.parameters.add(index);
  }
  const readBack = new Set(nodes.filter((node) => Node.isIdentifier(node) && readsValue(node)).flatMap((node) => node.getSymbol()?.getDeclarations()[0] ?? []));
  summary.carried = [...reassigned].filter((declaration) => readBack.has(declaration));
  summary.carries = summary.carried.length > 0;
  return summary;
}

/** `items.push(x)`, `seen.add(k)`: a method that changes its collection in place, written as `items.push`. */
function inPlaceCollectionCall(node: Node): Node | undefined {
  if (!Node.isCallExpression(node)) return undefined;
  const callee = node.getExpression();
  return Node.isPropertyAccessExpression(callee) && MUTATING_METHODS.has(callee.getName()) ? callee : undefined;
}

/** An identifier whose value is read: not the target of a plain `=`, nor a property name. */
function readsValue(identifier: Node): boolean {
  const parent = identifier.getParent();
  if (Node.isBinaryExpression(parent) && parent.getLeft() === identifier && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) return false;
  return !(Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier);
}

/** `this` in `this.cache[k]`, `deletes` in `deletes.count`: the object whose contents change. Undefined for a plain local. */
function memberRoot(target: Node, fn: FunctionNode): Node | undefined {
  let root = target;
  let throughMember = false;
  while (Node.isPropertyAccessExpression(root) || Node.isElementAccessExpression(root) || Node.isNonNullExpression(root)) {
    throughMember = throughMember || !Node.isNonNullExpression(root);
    root = root.getExpression();
  }
  if (root.getKind() === SyntaxKind.ThisKeyword) return throughMember ? root : undefined;
  if (!Node.isIdentifier(root)) return undefined;
  // A variable from outside the function is shared even when assigned whole; anything else only through a member.
  return throughMember || isOuterVariable(root, fn) ? root : undefined;
}

/** A variable the function did not declare: its module's, or one it closes over. */
function isOuterVariable(identifier: Node, fn: FunctionNode): boolean {
  const declaration = identifier.getSymbol()?.getDeclarations()[0];
  if (!Node.isVariableDeclaration(declaration) && !Node.isParameterDeclaration(declaration)) return false;
  return declaration.getSourceFile() !== fn.getSourceFile() || declaration.getStart() < fn.getStart() || declaration.getEnd() > fn.getEnd();
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
