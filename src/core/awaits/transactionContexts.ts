// Request contexts a program runs in transactions. Vendure hands every service call the
// request's context (`ctx: RequestContext`); a mutation opens a transaction on it (a
// resolver decorated `@Transaction()`, or `connection.withTransaction(ctx, async (ctx) => …)`),
// and from then on every query made with that context (`connection.getRepository(ctx, Order)`,
// a service called with `ctx`) runs on the transaction's one connection, in the order it
// is sent. A context type counts once the program opens a transaction with it somewhere;
// a NestJS service whose program opens none keeps its per-item queries reported.
import { Node, ts, type CallExpression, type Project, type SourceFile } from 'ts-morph';
import { WeakCache } from '../analysisCaches';
import { identifiersNamed } from '../identifierIndex';
import { wrapperOf } from '../syntaxDescendants';
import { declarationOf } from './loopPassScope';
import { decoratedAsTransaction } from './transactionDecorators';

/** Names of a request's context: `ctx`, `context`, `outerCtx`, `this.importCtx`, `requestContext`. */
const CONTEXT_NAMES = /^(ctx|context)$|(Ctx|Context)$/;
const OPENS_TRANSACTION = 'withTransaction';
const DECORATORS = ['Transaction', 'Transactional'];

// The types of the contexts the program opens transactions on. Depends on: the program (an
// edit anywhere may add or remove a transaction, or declare a context's type).
const typeKeysByProgram = new WeakCache<ts.Program, Set<string>>();
// The contexts a file opens transactions on, found by their names. Depends on: the file's
// text, so typing rescans the edited file, not the workspace; only their types are asked again.
const contextsByFile = new WeakCache<ts.SourceFile, readonly Node[]>();

/**
 * `service.assign(ctx, id)`, `history.createEntry({ ctx, orderId })`: the request contexts,
 * among the arguments, that the program runs transactions on.
 */
export function transactionContextArguments(call: CallExpression): Node[] {
  const contexts = call.getArguments().flatMap(handedValues).filter(isContextName);
  if (contexts.length === 0) return [];
  const typeKeys = transactionContextTypes(call.getProject());
  return contexts.filter((a) => {
    const name = contextTypeKey(a);
    return name !== undefined && typeKeys.has(name);
  });
}

function transactionContextTypes(project: Project): Set<string> {
  return typeKeysByProgram.get(project.getProgram().compilerObject, () => {
    const typeKeys = new Set<string>();
    for (const sourceFile of project.getSourceFiles()) {
      if (sourceFile.isDeclarationFile()) continue;
      for (const context of contextsByFile.get(sourceFile.compilerNode, () => transactionContextsIn(sourceFile))) {
        const key = contextTypeKey(context);
        if (key) typeKeys.add(key);
      }
    }
    return typeKeys;
  });
}

/** The contexts one file opens transactions on: the parameters and arguments named as contexts. */
function transactionContextsIn(sourceFile: SourceFile): Node[] {
  if (!sourceFile.getFullText().includes('Transaction')) return [];
  const contexts: Node[] = [];
  const add = (node: Node): void => {
    if (isContextName(node)) contexts.push(node);
  };
  // `withTransaction(ctx, async (innerCtx) => …)`: the context it is handed and the one it hands on.
  for (const id of identifiersNamed(sourceFile, OPENS_TRANSACTION)) {
    const compilerCall = calleeCall(id);
    const call = compilerCall && wrapperOf(sourceFile, compilerCall);
    if (!Node.isCallExpression(call)) continue;
    for (const argument of call.getArguments()) {
      if (Node.isArrowFunction(argument) || Node.isFunctionExpression(argument)) argument.getParameters().forEach(add);
      else add(argument);
    }
  }
  // `@Transaction() async createProduct(@Ctx() ctx: RequestContext, …)`.
  for (const id of DECORATORS.flatMap((name) => identifiersNamed(sourceFile, name))) {
    const method = id.parent?.parent?.parent;
    if (!method || !ts.isDecorator(id.parent.parent) || !ts.isMethodDeclaration(method)) continue;
    const wrapped = wrapperOf(sourceFile, method);
    if (Node.isMethodDeclaration(wrapped) && decoratedAsTransaction(wrapped)) wrapped.getParameters().forEach(add);
  }
  return contexts;
}

/** The call `id` is the callee of: `withTransaction(…)`, `this.connection.withTransaction(…)`. */
function calleeCall(id: ts.Identifier): ts.CallExpression | undefined {
  const callee = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
  return ts.isCallExpression(callee.parent) && callee.parent.expression === callee ? callee.parent : undefined;
}

/** An argument, or the values of an options object's properties (`{ ctx }`, `{ ctx: innerCtx }`). */
function handedValues(argument: Node): Node[] {
  if (!Node.isObjectLiteralExpression(argument)) return [argument];
  return argument.getProperties().flatMap((p) => {
    if (Node.isShorthandPropertyAssignment(p)) return [p.getNameNode()];
    const value = Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
    return value ? [value] : [];
  });
}

function isContextName(node: Node): boolean {
  const name = Node.isParameterDeclaration(node) || Node.isPropertyAccessExpression(node) ? node.getName() : Node.isIdentifier(node) ? node.getText() : '';
  return CONTEXT_NAMES.test(name);
}

/**
 * Which type a context has: its declaration's file and name (`…/request-context.ts#RequestContext`),
 * so that two programs' `RequestContext`s in one workspace stay apart; where the framework's
 * types are not installed, the name its annotation writes (`RequestContext` in `ctx: RequestContext`).
 */
function contextTypeKey(node: Node): string | undefined {
  const name = Node.isPropertyAccessExpression(node) ? node.getNameNode() : node;
  const declaration = Node.isParameterDeclaration(node) ? node : Node.isIdentifier(name) ? declarationOf(name) : undefined;
  const typeNode =
    Node.isParameterDeclaration(declaration) || Node.isPropertyDeclaration(declaration) || Node.isVariableDeclaration(declaration)
      ? declaration.getTypeNode()
      : undefined;
  if (typeNode && !Node.isTypeReference(typeNode)) return undefined;
  const symbol = (typeNode ?? node).getType().getSymbol();
  const typeDeclaration = symbol && (symbol.getFlags() & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface)) !== 0 ? symbol.getDeclarations()[0] : undefined;
  if (symbol && typeDeclaration) return `${typeDeclaration.getSourceFile().getFilePath()}#${symbol.getName()}`;
  return typeNode?.getTypeName().getText().split('.').pop();
}
