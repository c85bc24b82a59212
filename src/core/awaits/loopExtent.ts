// How far a loop runs, in the user's names: what it goes over (`ids`), how many passes
// that is when one expression says so (`ids.length`), and whether the number comes from
// outside with no obvious cap (a parameter, request data, an awaited query, a directory
// listing). The card uses it to estimate the gain and to advise bounded concurrency
// rather than starting everything at once; when whoever sends the request sets the
// number, the rule offers no fix that starts every pass at once.
import { Node, SyntaxKind, type CallExpression, type Expression } from 'ts-morph';
import type { LoopShape } from './loopShape';

export interface LoopExtent {
  /** `item` of a collection, `key` of an object (for-in), or `pass` of a counted loop. */
  unit: 'item' | 'key' | 'pass';
  /** The collection (`ids`), or the bound of a counted loop (`n`). */
  iterable: string;
  count?: string;
  unbounded: boolean;
  /** The items come from request input (`req.body`, `ctx.query`, `URLSearchParams`): the sender sets their number. */
  fromRequest: boolean;
}

const MAX_SHORT = 40;

/** A node's text for a message: one line, and a long call shortened to `name(…)`. */
export function shortCode(node: Node): string {
  const text = node.getText().replace(/\s*\n\s*/g, ' ');
  if (text.length <= MAX_SHORT) return text;
  if (Node.isArrayLiteralExpression(node) && node.getElements().length > 0) return `[${shortCode(node.getElements()[0])}, …]`;
  const inner = Node.isAwaitExpression(node) ? node.getExpression() : node;
  if (Node.isCallExpression(inner) || Node.isNewExpression(inner)) {
    const callee = inner
      .getExpression()
      .getText()
      .replace(/\s*\n\s*/g, '');
    return `${Node.isNewExpression(inner) ? 'new ' : ''}${callee}(…)`;
  }
  return `${text.slice(0, MAX_SHORT - 1)}…`;
}

export function loopExtent(shape: LoopShape): LoopExtent {
  if (shape.counter === undefined) {
    const { collection } = shape;
    const from = origin(collection, 0);
    return {
      unit: shape.kind === 'for-in' ? 'key' : 'item',
      iterable: shortCode(collection),
      count: shape.kind === 'for-in' ? keyCount(collection) : itemCount(collection),
      unbounded: from === 'unbounded' || from === 'request',
      fromRequest: from === 'request',
    };
  }
  const { bound, start, step, comparison } = shape.counter;
  const fromZeroByOne = start === 0 && step === 1 && comparison === '<';
  // `i += 2` up to `ids.length` visits every other item: passes, not items.
  const length = fromZeroByOne ? lengthOf(bound) : undefined;
  const from = origin(bound, 0);
  return {
    unit: length ? 'item' : 'pass',
    iterable: shortCode(length ?? bound),
    count: fromZeroByOne ? shortCode(bound) : undefined,
    unbounded: from === 'unbounded' || from === 'request',
    fromRequest: from === 'request',
  };
}

/** `ids` in `ids.length`. */
function lengthOf(expression: Expression): Expression | undefined {
  return Node.isPropertyAccessExpression(expression) && expression.getName() === 'length' ? expression.getExpression() : undefined;
}

/** Names a value without side effects, so `.length` can be read off it in prose. */
function isPlainReference(node: Node): boolean {
  if (Node.isIdentifier(node) || node.getKind() === SyntaxKind.ThisKeyword) return true;
  return Node.isPropertyAccessExpression(node) && isPlainReference(node.getExpression());
}

function itemCount(collection: Expression): string | undefined {
  if (Node.isArrayLiteralExpression(collection) && !collection.getElements().some(Node.isSpreadElement)) {
    return String(collection.getElements().length);
  }
  const isKeysCall =
    Node.isCallExpression(collection) &&
    /^Object\.(keys|values|entries)$/.test(collection.getExpression().getText()) &&
    collection.getArguments().every(isPlainReference);
  if (!isPlainReference(collection) && !isKeysCall) return undefined;
  const type = collection.getType();
  if (type.isArray() || type.isReadonlyArray() || type.isTuple()) return `${collection.getText()}.length`;
  const name = type.getSymbol()?.getName();
  if (name === 'Set' || name === 'Map' || name === 'ReadonlySet' || name === 'ReadonlyMap') return `${collection.getText()}.size`;
  return undefined;
}

function keyCount(collection: Expression): string | undefined {
  return isPlainReference(collection) ? `Object.keys(${collection.getText()}).length` : undefined;
}

/** `request`: unbounded, and chosen by whoever sends the request. */
type Origin = 'bounded' | 'unbounded' | 'request' | 'unknown';

/** Calls whose result is as long as what is stored somewhere: a directory, a table, a search. */
const LISTING_CALLS = /^(readdir|readdirSync|glob|globSync|findMany|findAll|query|scan|list\w*|getAll\w*)$/;
/** Array methods whose result is no longer than their receiver. */
const SAME_LENGTH_METHODS = new Set(['map', 'filter', 'flat', 'flatMap', 'concat', 'sort', 'toSorted', 'reverse', 'toReversed', 'entries', 'keys', 'values']);
/** Methods whose result is made of their receiver's contents, however long: `ids.split(',')`, `params.getAll('id')`. */
const DERIVED_METHODS = new Set(['split', 'getAll']);

const REQUEST_NAMES = /^(req|request)$/;
const REQUEST_TYPES = /^(Request|IncomingMessage|NextRequest|NextApiRequest|FastifyRequest|HonoRequest)$/;
/** Koa's context carries the query and route parameters itself: `ctx.query`, `ctx.params`. */
const CONTEXT_NAMES = /^(ctx|context)$/;
const REQUEST_INPUTS = new Set(['body', 'query', 'params']);
/** Methods of a request that parse its body: `await req.json()`. */
const BODY_PARSERS = new Set(['json', 'formData', 'text']);
/** Hono's `c.req.query('ids')`; on a `request` (mssql's) `query` runs SQL, so only `req`. */
const INPUT_GETTERS = new Set(['query', 'queries', 'param']);

/** Where a collection or a bound comes from, followed through local variables. */
function origin(node: Node, depth: number): Origin {
  if (depth > 6) return 'unknown';
  if (Node.isArrayLiteralExpression(node)) {
    const spreads = node
      .getElements()
      .filter(Node.isSpreadElement)
      .map((s) => origin(s.getExpression(), depth + 1));
    return (['request', 'unbounded', 'unknown'] as const).find((o) => spreads.includes(o)) ?? 'bounded';
  }
  if (Node.isNumericLiteral(node)) return 'bounded';
  if (isRequestInput(node)) return 'request';
  if (Node.isAwaitExpression(node)) return origin(node.getExpression(), depth + 1) === 'request' ? 'request' : 'unbounded';
  if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isNonNullExpression(node) || Node.isSatisfiesExpression(node)) {
    return origin(node.getExpression(), depth + 1);
  }
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) return origin(node.getExpression(), depth + 1);
  if (Node.isCallExpression(node)) return callOrigin(node, depth);
  if (Node.isIdentifier(node)) {
    const declaration = node.getSymbol()?.getValueDeclaration();
    if (!declaration) return 'unknown';
    if (Node.isParameterDeclaration(declaration)) return declaration.getType().isTuple() ? 'bounded' : 'unbounded';
    if (Node.isBindingElement(declaration)) {
      const owner = declaration.getFirstAncestor((a) => Node.isParameterDeclaration(a) || Node.isVariableDeclaration(a));
      if (Node.isParameterDeclaration(owner)) return 'unbounded';
      const initializer = Node.isVariableDeclaration(owner) ? owner.getInitializer() : undefined;
      return initializer ? origin(initializer, depth + 1) : 'unknown';
    }
    if (Node.isVariableDeclaration(declaration)) {
      // `team` in `for (const team of teams)` is as unbounded as anything `teams` holds.
      const loop = declaration.getParent()?.getParent();
      if (Node.isForOfStatement(loop)) return origin(loop.getExpression(), depth + 1);
      const initializer = declaration.getInitializer();
      return initializer ? origin(initializer, depth + 1) : 'unknown';
    }
  }
  return 'unknown';
}

function callOrigin(call: CallExpression, depth: number): Origin {
  const callee = call.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  const args = call.getArguments();
  // `searchParams.getAll('id')` is request input, where `repo.getAll()` is a listing.
  if (DERIVED_METHODS.has(name) && Node.isPropertyAccessExpression(callee) && origin(callee.getExpression(), depth + 1) === 'request') return 'request';
  if (LISTING_CALLS.test(name)) return 'unbounded';
  if (/^(Object\.(keys|values|entries)|Array\.from|JSON\.parse)$/.test(callee.getText()) && args[0]) return origin(args[0], depth + 1);
  if (!Node.isPropertyAccessExpression(callee)) return 'unknown';
  // `rows.slice(0, 10)` is capped by its literal end, whatever `rows` is.
  if (name === 'slice' && args.length === 2 && Node.isNumericLiteral(args[1])) return 'bounded';
  return SAME_LENGTH_METHODS.has(name) || DERIVED_METHODS.has(name) || name === 'slice' ? origin(callee.getExpression(), depth + 1) : 'unknown';
}

/**
 * What a client sent: `req.body`, `req.query`, `ctx.request.body`, `ctx.params`,
 * `url.searchParams`, `new URLSearchParams(...)`, `req.json()`.
 */
function isRequestInput(node: Node): boolean {
  if (Node.isNewExpression(node)) return node.getExpression().getText() === 'URLSearchParams';
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return false;
    const owner = callee.getExpression();
    if (INPUT_GETTERS.has(callee.getName())) return Node.isPropertyAccessExpression(owner) && owner.getName() === 'req';
    return BODY_PARSERS.has(callee.getName()) && isRequest(owner);
  }
  if (!Node.isPropertyAccessExpression(node)) return false;
  const name = node.getName();
  if (name === 'searchParams') return true;
  if (!REQUEST_INPUTS.has(name)) return false;
  const owner = node.getExpression();
  return isRequest(owner) || (name !== 'body' && CONTEXT_NAMES.test(owner.getText()));
}

/** `req`, `request`, `ctx.request`, `c.req`, or anything typed as a request. */
function isRequest(node: Node): boolean {
  const name = Node.isPropertyAccessExpression(node) ? node.getName() : Node.isIdentifier(node) ? node.getText() : '';
  if (REQUEST_NAMES.test(name)) return true;
  const type = node.getType();
  return REQUEST_TYPES.test((type.getSymbol() ?? type.getAliasSymbol())?.getName() ?? '');
}
