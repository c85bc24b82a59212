// Sizes a client sets: data a request or a message carries. The body, query, route
// parameters and headers of a request (express and Node `req`, Fastify `request`, Koa
// `ctx`/`ctx.request`, fetch-style `await request.json()`), URL search parameters, and the
// payload of a WebSocket or `message` listener are as large as whoever sends them wants.
// Followed through local variables, destructuring, `JSON.parse`, schema parsing and the
// string and array methods that derive one piece of input from another.
import { Node, SyntaxKind, type Expression } from 'ts-morph';
import { inlineCallerOf, isFunctionLike } from './syncRegion';

/** The parts of a request a client writes. */
const REQUEST_PARTS = new Set(['body', 'query', 'params', 'headers', 'cookies', 'searchParams']);
/** The names a request object goes by in handlers, when its type is not installed. */
const REQUEST_NAMES = new Set(['req', 'request', 'ctx']);
/** Request types of Node, express, Fastify, Koa and the fetch API. */
const REQUEST_TYPES = new Set(['IncomingMessage', 'Request', 'FastifyRequest', 'Context', 'ParameterizedContext', 'NextRequest', 'HonoRequest']);
/** A request body read whole: `await request.json()`, `c.req.text()`. */
const BODY_READERS = new Set(['json', 'text', 'formData']);
/** Validators return what they were given: `schema.parse(req.body)`. */
const VALIDATORS = new Set(['parse', 'safeParse', 'parseAsync', 'validate', 'validateSync', 'cast']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'addEventListener']);
const MAX_DEPTH = 8;

/** Whether the value of `node` (a collection, a count) comes from a request or a message. */
export function isRequestInput(node: Node): boolean {
  return fromRequest(node, 0);
}

function fromRequest(node: Node, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const next = (child: Node | undefined): boolean => !!child && fromRequest(child, depth + 1);
  if (
    Node.isParenthesizedExpression(node) ||
    Node.isAsExpression(node) ||
    Node.isNonNullExpression(node) ||
    Node.isSatisfiesExpression(node) ||
    Node.isAwaitExpression(node) ||
    Node.isSpreadElement(node)
  ) {
    return next(node.getExpression());
  }
  if (Node.isPropertyAccessExpression(node)) {
    if (REQUEST_PARTS.has(node.getName()) && (isRequestObject(node.getExpression()) || node.getName() === 'searchParams')) return true;
    return next(node.getExpression());
  }
  if (Node.isElementAccessExpression(node)) return next(node.getExpression());
  if (Node.isBinaryExpression(node) && /^(\|\||\?\?)$/.test(node.getOperatorToken().getText())) return next(node.getLeft());
  if (Node.isNewExpression(node)) return node.getExpression().getText() === 'URLSearchParams';
  if (Node.isCallExpression(node)) return callFromRequest(node.getExpression(), node.getArguments(), next);
  if (Node.isIdentifier(node)) {
    const declaration = node.getSymbol()?.getValueDeclaration();
    if (!declaration) return false;
    if (Node.isParameterDeclaration(declaration)) return isMessagePayload(declaration);
    if (Node.isBindingElement(declaration)) {
      if (declaration.getFirstAncestor((a) => Node.isParameterDeclaration(a))) return false;
      return next(declaration.getFirstAncestorByKind(SyntaxKind.VariableDeclaration)?.getInitializer());
    }
    if (Node.isVariableDeclaration(declaration)) return next(declaration.getInitializer());
  }
  return false;
}

function callFromRequest(callee: Expression, args: Node[], next: (child: Node | undefined) => boolean): boolean {
  const [first] = args;
  const text = callee.getText();
  if (/^(JSON\.parse|Object\.(keys|values|entries)|Array\.from|Number|parseInt|parseFloat|String|decodeURIComponent)$/.test(text)) return next(first);
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const method = callee.getName();
  const receiver = callee.getExpression();
  if (BODY_READERS.has(method) && isRequestObject(receiver)) return true;
  // Hono's `c.req.query('ids')`, `c.req.param('id')`; a bare `request.query(sql)` is a database client's.
  if ((method === 'query' || method === 'queries' || method === 'param') && Node.isPropertyAccessExpression(receiver) && receiver.getName() === 'req')
    return true;
  if (VALIDATORS.has(method)) return next(first);
  // `req.query.ids.split(',')`, `params.getAll('id')`, `body.items.filter(...)`: derived from the input.
  return next(receiver);
}

/** `req`, `request`, `ctx`, `ctx.request`, `c.req`, or a value typed as a request. */
function isRequestObject(node: Node): boolean {
  const target = Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isNonNullExpression(node) ? node.getExpression() : node;
  if (Node.isPropertyAccessExpression(target) && /^(req|request)$/.test(target.getName())) return true;
  if (Node.isIdentifier(target) && REQUEST_NAMES.has(target.getText())) return true;
  const type = target.getType().getNonNullableType();
  return REQUEST_TYPES.has(type.getSymbol()?.getName() ?? type.getAliasSymbol()?.getName() ?? '');
}

/**
 * The first parameter of a `message` handler: `ws.on('message', (data) => ...)`,
 * `socket.addEventListener('message', (event) => ...)`, `socket.onmessage = (event) => ...`.
 */
function isMessagePayload(parameter: Node): boolean {
  const fn = parameter.getParent();
  if (!fn || !isFunctionLike(fn) || fn.getParameters()[0] !== parameter) return false;
  const parent = fn.getParent();
  if (Node.isBinaryExpression(parent) && parent.getRight() === fn) {
    const target = parent.getLeft();
    return Node.isPropertyAccessExpression(target) && target.getName() === 'onmessage';
  }
  if (!Node.isCallExpression(parent) || inlineCallerOf(fn)) return false;
  const callee = parent.getExpression();
  const [event] = parent.getArguments();
  return (
    Node.isPropertyAccessExpression(callee) &&
    LISTENER_METHODS.has(callee.getName()) &&
    !!event &&
    Node.isStringLiteral(event) &&
    event.getLiteralValue() === 'message'
  );
}
