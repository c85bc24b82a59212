// Sizes that storage or the network sets: what an awaited call resolved to (a query, a
// fetch, a file read), what a promise callback was handed, text parsed whole
// (`JSON.parse`), a file read in one go, and the data an `fs` callback receives. Such a
// collection is as large as what was stored or sent, so walking it inside itself is n² of
// real data. A parameter, a configuration list or a field of unknown origin says nothing of
// the kind: those are usually a handful by construction. Followed through local variables,
// destructuring and the methods that derive one collection from another.
import { Node, SyntaxKind } from 'ts-morph';
import { inlineCallerOf, isFunctionLike } from './syncRegion';

/** Calls that read a whole file or parse a whole text. */
const WHOLE_READS = /^(JSON\.parse|(\w+\.)*(readFileSync|readdirSync))$/;
/** Node's callback reads: the last callback's second parameter is the data. */
const CALLBACK_READS = /^(readFile|readdir)$/;
/** Helpers that copy or list a collection they are given. */
const COPIES = /^(Object\.(keys|values|entries)|Array\.from)$/;
const MAX_DEPTH = 8;

/** Whether the collection `node` names was read from storage or the network. */
export function isStoredData(node: Node): boolean {
  return fromStorage(node, 0);
}

function fromStorage(node: Node, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const next = (child: Node | undefined): boolean => !!child && fromStorage(child, depth + 1);
  if (Node.isAwaitExpression(node)) return true;
  if (
    Node.isParenthesizedExpression(node) ||
    Node.isAsExpression(node) ||
    Node.isNonNullExpression(node) ||
    Node.isSatisfiesExpression(node) ||
    Node.isSpreadElement(node)
  ) {
    return next(node.getExpression());
  }
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) return next(node.getExpression());
  if (Node.isBinaryExpression(node) && /^(\|\||\?\?)$/.test(node.getOperatorToken().getText())) return next(node.getLeft());
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression();
    const text = callee.getText();
    if (WHOLE_READS.test(text)) return true;
    if (COPIES.test(text)) return next(node.getArguments()[0]);
    // `rows.map(...)`, `text.split('\n')`: derived from what the receiver holds.
    return Node.isPropertyAccessExpression(callee) && next(callee.getExpression());
  }
  if (!Node.isIdentifier(node)) return false;
  const declaration = node.getSymbol()?.getValueDeclaration();
  if (!declaration) return false;
  if (Node.isParameterDeclaration(declaration)) return isHandedReadData(declaration);
  if (Node.isBindingElement(declaration)) {
    const parameter = declaration.getFirstAncestorByKind(SyntaxKind.Parameter);
    if (parameter) return isHandedReadData(parameter);
    return next(declaration.getFirstAncestorByKind(SyntaxKind.VariableDeclaration)?.getInitializer());
  }
  return Node.isVariableDeclaration(declaration) && next(declaration.getInitializer());
}

/**
 * The value a promise settled with (`load().then((rows) => …)`), or the data a Node
 * callback read (`fs.readFile(path, (error, text) => …)`).
 */
function isHandedReadData(parameter: Node): boolean {
  const fn = parameter.getParent();
  if (!fn || !isFunctionLike(fn) || inlineCallerOf(fn)) return false;
  const call = fn.getParent();
  if (!Node.isCallExpression(call) || !call.getArguments().includes(fn)) return false;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) && !Node.isIdentifier(callee)) return false;
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  const index = fn.getParameters().indexOf(parameter as never);
  if (name === 'then') return call.getArguments()[0] === fn && index === 0;
  return CALLBACK_READS.test(name) && call.getArguments().at(-1) === fn && index === 1;
}
