// The quick fix for a loop that collects what it awaits: start every pass at once with
// `Promise.all(items.map(...))` and collect the results in the original order.
//
//   const users = [];                           const users = await Promise.all(
//   for (const id of ids) {              →        ids.map((id) => fetchUser(id)));
//     users.push(await fetchUser(id));
//   }
//
// A fresh array (`const out = []`) or map (`new Map()`) declared right before the loop
// becomes the result itself. Any other collector (a sum, an array or map declared
// elsewhere, an object indexed by key) keeps its loop, which now runs over the results:
//
//   for (const value of await Promise.all(ids.map((id) => price(id)))) {
//     total += value;
//   }
//
// The rewrite is offered only when it is exact: the last statement of the body is the
// only thing that changes outer state, nothing skips it (`continue`), no comment would
// be lost, and in TypeScript the new declaration cannot narrow a type that later code
// widens.
import { Node, SyntaxKind, ts, VariableDeclarationKind, type Expression, type SourceFile, type Statement } from 'ts-morph';
import type { Fix, TextEdit } from '../finding';
import { identifierIndex } from '../identifierIndex';
import { replaceSpan } from '../ranges';
import { descendants, descendantsOfKind } from '../syntaxDescendants';
import { ImportChanges } from '../eventLoop/fixes/importChanges';
import { indentUnit } from '../eventLoop/fixes/moduleStyle';
import { newlineOf } from '../locks/codeLayout';
import { fixTitle } from '../templateText';
import { LIMITER_MODULE, type Limiter } from './concurrencyLimiter';
import type { PlaceAccess } from './loopCarriedState';
import { jumpTarget, ownDescendants } from './loopIndependence';
import { variesPerPass } from './loopPassScope';
import type { LoopShape } from './loopShape';

type Collect =
  | { kind: 'push' | 'sum'; statement: Statement; place: Expression; value: Expression; key?: undefined }
  | { kind: 'map' | 'index'; statement: Statement; place: Expression; value: Expression; key: Expression };

/** How the passes become one array of promises: `ids.map(cb)`, `Array.from({ length: n }, cb)`. */
interface PassSource {
  params: string;
  mapped(callback: string): string;
}

const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'set', 'delete', 'clear', 'fill', 'copyWithin']);
const RESERVED = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
  'let',
  'static',
  'await',
  'implements',
  'interface',
  'package',
  'private',
  'protected',
  'public',
  'arguments',
  'eval',
]);
const VERB_PREFIX = /^(get|fetch|load|read|find|lookup|query|retrieve|compute|calculate|resolve|request)(?=[A-Z0-9_])/;
const NOUN_SUFFIX = /(?<=[a-z])(Of|For)$/;

/** A loop whose passes can become one callback each: where they come from, what runs before the collector, and the collector. */
interface Passes {
  source: PassSource;
  prefix: Statement[];
  collect: Collect;
  /** The collector's value and key, which the callback returns. */
  kept: Expression[];
}

/** The passes of a loop the rewrite is exact for, or undefined (see the module comment). */
function rewritablePasses(shape: LoopShape, accesses: readonly PlaceAccess[]): Passes | undefined {
  const { loop, body } = shape;
  if (Node.isLabeledStatement(loop.getParent())) return undefined;
  const source = passSource(shape);
  if (!source) return undefined;
  const statements = Node.isBlock(body) ? body.getStatements() : [body];
  const collectStatement = statements[statements.length - 1];
  const prefix = statements.slice(0, -1);
  const collect = collectStatement && parseCollect(collectStatement, shape);
  if (!collect) return undefined;

  // The collector is the only outer state the loop changes, and every pass reaches it.
  const kept = [collect.value, collect.key].filter((n): n is Expression => !!n);
  const changesElsewhere = accesses.some((a) => a.role !== 'read' && (!within(a.node, collect.statement) || kept.some((k) => within(a.node, k))));
  if (changesElsewhere) return undefined;
  if (ownDescendants(body).some((n) => Node.isContinueStatement(n) && jumpTarget(n) === loop)) return undefined;
  // A `var` in the body is visible after the loop; inside a callback it would not be.
  if (prefix.some((s) => Node.isVariableStatement(s) && s.getDeclarationKind() === VariableDeclarationKind.Var)) return undefined;
  return { source, prefix, collect, kept };
}

export function loopPromiseAllFix(shape: LoopShape, accesses: readonly PlaceAccess[]): Fix | undefined {
  const passes = rewritablePasses(shape, accesses);
  if (!passes) return undefined;
  const { source, prefix, collect, kept } = passes;
  const { loop } = shape;
  const sourceFile = loop.getSourceFile();
  const text = sourceFile.getFullText();
  const isJs = /\.[cm]?jsx?$/i.test(sourceFile.getFilePath());
  const keyed = collect.kind === 'map' || collect.kind === 'index';
  const produced = keyed ? `[${collect.key.getText()}, ${collect.value.getText()}]${isJs ? '' : ' as const'}` : collect.value.getText();

  const declared = declaredRightBefore(collect, shape, isJs);
  const indent = lineIndent(text, (declared?.statement ?? loop).getStart());
  const trivia = bodyTrivia(collect);
  // Statements before the collector move into the callback with the comments around them;
  // when the whole loop goes away, so do the comments after the collector.
  const carried = declared ? trivia : prefix.length > 0 ? { before: trivia.before } : {};
  const callback = callbackText(source.params, prefix, collect, produced, keyed, text, indent, carried);
  const promiseAll = `await Promise.all(${source.mapped(callback)})`;
  const copied = [...kept.map((n): Span => [n.getStart(), n.getEnd()]), ...[carried.before, carried.after].filter((s): s is Span => !!s)];
  const prefixSpan = prefix.length > 0 ? trivia.before : undefined;

  let edits: TextEdit[];
  if (declared) {
    const { statement, initializer, wrap } = declared;
    if (losesComments(sourceFile, [statement.getEnd(), loop.getEnd()], copied)) return undefined;
    edits = [
      replaceSpan(sourceFile, initializer.getStart(), initializer.getEnd(), wrap(promiseAll)),
      replaceSpan(sourceFile, statement.getEnd(), loop.getEnd(), ''),
    ];
  } else {
    const head = headSpan(shape);
    if (!head || losesComments(sourceFile, head, [])) return undefined;
    const taken = identifierNames(sourceFile);
    const value = freshName(valueNames(collect), taken);
    taken.add(value);
    const keyIsBinding = keyed && Node.isIdentifier(collect.key) && collect.key.getText() === shape.binding?.getText();
    const key = keyed ? (keyIsBinding ? collect.key.getText() : freshName(['key'], taken)) : undefined;
    edits = [replaceSpan(sourceFile, head[0], head[1], `const ${key ? `[${key}, ${value}]` : value} of ${promiseAll}`)];
    // The statements before the collector moved into the callback; the collector keeps its line.
    if (prefixSpan) edits.push(replaceSpan(sourceFile, prefixSpan[0], prefixSpan[1], `\n${lineIndent(text, collect.statement.getStart()) || indent}`));
    edits.push(replaceSpan(sourceFile, collect.value.getStart(), collect.value.getEnd(), value));
    if (key && collect.key && !keyIsBinding) edits.push(replaceSpan(sourceFile, collect.key.getStart(), collect.key.getEnd(), key));
  }
  return { ...fixTitle('Run the iterations together with Promise.all'), isPreferred: true, edits };
}

/**
 * The fix for a loop over items whose number someone else decides (a request's): the same
 * callback, started `size` at a time, the results pushed in order. Only for a `for...of`
 * over an array named by a plain path, collecting with `push`:
 *
 *   for (const id of req.body.ids) {            for (let start = 0; start < req.body.ids.length; start += 10) {
 *     users.push(await fetchUser(id));     →      users.push(...(await Promise.all(req.body.ids.slice(start, start + 10).map((id) => fetchUser(id)))));
 *   }                                           }
 */
export function chunkedLoopFix(shape: LoopShape, accesses: readonly PlaceAccess[], size: number): Fix | undefined {
  const bounded = boundedLoop(shape, accesses);
  if (!bounded) return undefined;
  const { loop, items, collect, sourceFile, text, indent, callbackFor } = bounded;
  const unit = indentUnit(sourceFile);
  const start = freshName(['start', 'offset'], identifierNames(sourceFile));
  // The callback sits one level deeper than the loop's body did: its lines, comments too, move
  // in by one unit, unless a template literal spans lines, whose text the indent would change.
  const callbackLines = callbackFor(`(${shape.binding!.getText()})`);
  const callback = spansLinesInTemplate(shape.body) ? callbackLines : callbackLines.replace(/\n/g, `\n${unit}`);
  const list = items.getText();
  const chunk = `${list}.slice(${start}, ${start} + ${size}).map(${callback})`;
  const replacement = [
    `for (let ${start} = 0; ${start} < ${list}.length; ${start} += ${size}) {`,
    `${indent}${unit}${collect.place.getText()}.push(...(await Promise.all(${chunk})));`,
    `${indent}}`,
  ].join(newlineOf(text));
  return {
    ...fixTitle('Run the iterations {size} at a time with Promise.all', { size: String(size) }),
    isPreferred: true,
    edits: [replaceSpan(sourceFile, loop.getStart(), loop.getEnd(), replacement)],
  };
}

/**
 * The same bound kept with the package's own limiter (p-limit): `size` calls in flight at
 * all times rather than chunk after chunk, the results pushed in order:
 *
 *   for (const id of req.body.ids) {            const limit = pLimit(10);
 *     users.push(await fetchUser(id));     →    users.push(...(await Promise.all(req.body.ids.map((id) => limit(() => fetchUser(id))))));
 *   }
 */
export function limitedLoopFix(shape: LoopShape, accesses: readonly PlaceAccess[], size: number, limiter: Limiter): Fix | undefined {
  const bounded = boundedLoop(shape, accesses);
  if (!bounded) return undefined;
  const { loop, items, collect, sourceFile, text, indent, callbackFor } = bounded;
  const limit = freshName(['limit', 'limitCalls'], identifierNames(sourceFile));
  const callback = `(${shape.binding!.getText()}) => ${limit}(${callbackFor('()')})`;
  const replacement = [
    `const ${limit} = ${limiter.name}(${size});`,
    `${indent}${collect.place.getText()}.push(...(await Promise.all(${items.getText()}.map(${callback}))));`,
  ].join(newlineOf(text));
  const imports = new ImportChanges(sourceFile);
  if (limiter.needsImport) imports.addDefaultImport(LIMITER_MODULE, limiter.name);
  return {
    ...fixTitle('Run the iterations at most {size} at a time with {limiter}', { size: String(size), limiter: limiter.name }),
    isPreferred: true,
    edits: [...imports.edits(), replaceSpan(sourceFile, loop.getStart(), loop.getEnd(), replacement)],
  };
}

/**
 * What both bounded fixes need: a `for...of` over an array named by a plain path, whose
 * body only collects with `push`, and whose comments all survive the rewrite; and the
 * pass as a callback with the given parameters.
 */
function boundedLoop(shape: LoopShape, accesses: readonly PlaceAccess[]) {
  const passes = rewritablePasses(shape, accesses);
  if (!passes || shape.kind !== 'for-of' || !shape.binding || passes.collect.kind !== 'push') return undefined;
  const { prefix, collect, kept } = passes;
  const items = shape.collection;
  if (!isPlainPlace(items) || !isArrayType(items)) return undefined;
  const { loop } = shape;
  const sourceFile = loop.getSourceFile();
  const text = sourceFile.getFullText();
  const trivia = bodyTrivia(collect);
  const copied = [...kept.map((n): Span => [n.getStart(), n.getEnd()]), ...[trivia.before, trivia.after].filter((t): t is Span => !!t)];
  if (losesComments(sourceFile, [loop.getStart(), loop.getEnd()], copied)) return undefined;
  const indent = lineIndent(text, loop.getStart());
  const callbackFor = (params: string): string => callbackText(params, prefix, collect, collect.value.getText(), false, text, indent, trivia);
  return { loop, items, collect, sourceFile, text, indent, callbackFor };
}

function spansLinesInTemplate(body: Node): boolean {
  return descendants(body).some((n) => (Node.isTemplateExpression(n) || Node.isNoSubstitutionTemplateLiteral(n)) && n.getText().includes('\n'));
}

/** The last statement of the body, when it is `out.push(x)`, `total += x`, `byId.set(k, x)` or `byId[k] = x`. */
function parseCollect(statement: Statement, shape: LoopShape): Collect | undefined {
  if (!Node.isExpressionStatement(statement)) return undefined;
  const expression = statement.getExpression();
  let collect: Collect | undefined;
  if (Node.isCallExpression(expression)) {
    const callee = expression.getExpression();
    const args = expression.getArguments() as Expression[];
    if (!Node.isPropertyAccessExpression(callee) || args.some(Node.isSpreadElement)) return undefined;
    const place = callee.getExpression();
    if (callee.getName() === 'push' && args.length === 1 && isArrayLike(place)) collect = { kind: 'push', statement, place, value: args[0] };
    if (callee.getName() === 'set' && args.length === 2 && isMapLike(place)) collect = { kind: 'map', statement, place, key: args[0], value: args[1] };
  } else if (Node.isBinaryExpression(expression)) {
    const operator = expression.getOperatorToken().getKind();
    const left = expression.getLeft();
    if (operator === SyntaxKind.PlusEqualsToken) collect = { kind: 'sum', statement, place: left, value: expression.getRight() };
    if (operator === SyntaxKind.EqualsToken && Node.isElementAccessExpression(left)) {
      const key = left.getArgumentExpression();
      if (key) collect = { kind: 'index', statement, place: left.getExpression(), key, value: expression.getRight() };
    }
  }
  if (!collect || !isPlainPlace(collect.place) || variesPerPass(collect.place, shape)) return undefined;
  return collect;
}

function isPlainPlace(node: Node): boolean {
  if (Node.isIdentifier(node) || node.getKind() === SyntaxKind.ThisKeyword) return true;
  return Node.isPropertyAccessExpression(node) && isPlainPlace(node.getExpression());
}

function isArrayLike(place: Node): boolean {
  const type = place.getType();
  return type.isAny() || type.isArray();
}

function isMapLike(place: Node): boolean {
  const type = place.getType();
  return type.isAny() || type.getSymbol()?.getName() === 'Map';
}

/** TypeScript, or JavaScript the project type-checks (`checkJs`). */
function isTypeChecked(sourceFile: SourceFile): boolean {
  return !/\.[cm]?jsx?$/.test(sourceFile.getFilePath()) || sourceFile.getProject().getCompilerOptions().checkJs === true;
}

function passSource(shape: LoopShape): PassSource | undefined {
  if (shape.kind === 'for-of') {
    if (shape.bindingKeyword === 'var') return undefined;
    const collection = shape.collection;
    // `for (const x of anything)` gives `x` the type any; `Array.from(anything, cb)` gives it
    // unknown, and `anything.map(cb)` an implicit any: in checked code either adds type errors.
    const type = collection.getType();
    if ((type.isAny() || type.isUnknown()) && isTypeChecked(collection.getSourceFile())) return undefined;
    const params = `(${shape.binding.getText()})`;
    if (isArrayType(collection)) return { params, mapped: (cb) => `${asReceiver(collection)}.map(${cb})` };
    return { params, mapped: (cb) => `Array.from(${collection.getText()}, ${cb})` };
  }
  if (shape.kind !== 'for' || !Node.isForStatement(shape.loop)) return undefined;
  const { counter } = shape;
  const initializer = shape.loop.getInitializer();
  if (!Node.isVariableDeclarationList(initializer) || initializer.getDeclarations().length !== 1) return undefined;
  if (initializer.getDeclarationKind() === VariableDeclarationKind.Var) return undefined;
  if (counter.start !== 0 || counter.step !== 1 || counter.comparison !== '<') return undefined;
  const skip = descendantsOfKind(shape.body, SyntaxKind.Identifier).some((i) => i.getText() === '_') ? '_item' : '_';
  const params = `(${skip}, ${counter.name})`;
  const bound = counter.bound;
  if (Node.isPropertyAccessExpression(bound) && bound.getName() === 'length' && isPlainPlace(bound.getExpression())) {
    const items = bound.getExpression();
    if (isArrayType(items)) return { params, mapped: (cb) => `${items.getText()}.map(${cb})` };
  }
  return { params, mapped: (cb) => `Array.from({ length: ${bound.getText()} }, ${cb})` };
}

function isArrayType(node: Node): boolean {
  const type = node.getType();
  return type.isArray() || type.isReadonlyArray() || type.isTuple();
}

/** Parenthesised when `.map` would otherwise bind to a part of it (`await f()`, `a ?? b`). */
function asReceiver(node: Expression): string {
  const bare =
    Node.isIdentifier(node) ||
    Node.isPropertyAccessExpression(node) ||
    Node.isElementAccessExpression(node) ||
    Node.isCallExpression(node) ||
    Node.isParenthesizedExpression(node) ||
    Node.isNonNullExpression(node) ||
    Node.isArrayLiteralExpression(node) ||
    node.getKind() === SyntaxKind.ThisKeyword;
  return bare ? node.getText() : `(${node.getText()})`;
}

type Span = [number, number];

/** The text around the collector inside a braced body: before it (with any statements that precede it) and after it. */
function bodyTrivia(collect: Collect): { before?: Span; after?: Span } {
  const block = collect.statement.getParent();
  if (!Node.isBlock(block)) return {};
  const open = block.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken);
  const close = block.getLastChildByKindOrThrow(SyntaxKind.CloseBraceToken);
  return { before: [open.getEnd(), collect.statement.getStart()], after: [collect.statement.getEnd(), close.getStart()] };
}

/**
 * `(id) => fetchUser(id)` when each pass only awaits one call; `async (id) => ...` when it
 * does more with it or awaits inside that call; a block when statements or comments come along.
 */
function callbackText(
  params: string,
  prefix: Statement[],
  collect: Collect,
  produced: string,
  keyed: boolean,
  text: string,
  indent: string,
  trivia: { before?: Span; after?: Span },
): string {
  const direct = !keyed && Node.isAwaitExpression(collect.value) ? collect.value.getExpression() : undefined;
  // `build(r.id, await lookup(r.cid))` still awaits once the outer `await` is gone.
  const plainHead = prefix.length === 0 && !!direct && !ownDescendants(direct).some(Node.isAwaitExpression) ? params : `async ${params}`;
  const slice = (span: Span | undefined): string => (span ? text.slice(span[0], span[1]) : '');
  const before = slice(trivia.before);
  const after = slice(trivia.after);
  const hasComment = (s: string): boolean => /\/[/*]/.test(s);
  if (prefix.length === 0 && !hasComment(before) && !hasComment(after)) {
    if (direct) return `${plainHead} => ${parenthesizeObject(direct.getText())}`;
    return `async ${params} => ${parenthesizeObject(produced)}`;
  }
  const head = plainHead;
  const tail = trivia.after ? after : `\n${indent}`;
  return `${head} => {${before || `\n${indent}  `}return ${direct ? direct.getText() : produced};${tail}}`;
}

function parenthesizeObject(expression: string): string {
  return expression.startsWith('{') ? `(${expression})` : expression;
}

interface Declared {
  statement: Statement;
  initializer: Expression;
  wrap: (promiseAll: string) => string;
}

/**
 * `const out = [];` or `const byId = new Map<K, V>();` as the statement right before the
 * loop, for a collector that is that variable: the declaration can take the result.
 */
function declaredRightBefore(collect: Collect, shape: LoopShape, isJs: boolean): Declared | undefined {
  if ((collect.kind !== 'push' && collect.kind !== 'map') || !Node.isIdentifier(collect.place)) return undefined;
  const statement = shape.loop.getPreviousSibling();
  if (!statement || !Node.isVariableStatement(statement)) return undefined;
  const declarations = statement.getDeclarations();
  if (declarations.length !== 1) return undefined;
  const [declaration] = declarations;
  const initializer = declaration.getInitializer();
  if (declaration.getName() !== collect.place.getText() || !initializer) return undefined;
  const declaredType = !!declaration.getTypeNode();
  if (collect.kind === 'push') {
    if (!Node.isArrayLiteralExpression(initializer) || initializer.getElements().length > 0) return undefined;
    if (!isJs && !declaredType && mutatedAfter(collect.place, shape)) return undefined;
    return { statement, initializer, wrap: (all) => all };
  }
  if (!Node.isNewExpression(initializer) || initializer.getExpression().getText() !== 'Map' || initializer.getArguments().length > 0) return undefined;
  const typeArguments = initializer.getTypeArguments();
  if (!isJs && !declaredType && typeArguments.length === 0 && mutatedAfter(collect.place, shape)) return undefined;
  const typeText = typeArguments.length > 0 ? `<${typeArguments.map((t) => t.getText()).join(', ')}>` : '';
  return { statement, initializer, wrap: (all) => `new Map${typeText}(${all})` };
}

/**
 * Whether code after the loop adds to the collector. Its type is then the one TypeScript
 * inferred from every use, and the narrower type of the `Promise.all` result could break it.
 */
function mutatedAfter(place: Node, shape: LoopShape): boolean {
  const symbol = place.getSymbol();
  const scope = shape.loop.getParent();
  if (!symbol || !scope) return true;
  return descendantsOfKind(scope, SyntaxKind.Identifier)
    .filter((i) => i.getStart() > shape.loop.getEnd() && i.getSymbol() === symbol)
    .some((i) => {
      const parent = i.getParent();
      if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === i)
        return MUTATING_METHODS.has(parent.getName()) || Node.isBinaryExpression(parent.getParent());
      if (Node.isElementAccessExpression(parent) && parent.getExpression() === i) return Node.isBinaryExpression(parent.getParent());
      return Node.isBinaryExpression(parent) && parent.getLeft() === i;
    });
}

/** From the start of the loop head to the end of what it runs over: `const id of ids`, `let i = 0; i < n; i++`. */
function headSpan(shape: LoopShape): [number, number] | undefined {
  const { loop } = shape;
  if (Node.isForOfStatement(loop)) return [loop.getInitializer().getStart(), loop.getExpression().getEnd()];
  if (Node.isForStatement(loop)) {
    const initializer = loop.getInitializer();
    const incrementor = loop.getIncrementor();
    return initializer && incrementor ? [initializer.getStart(), incrementor.getEnd()] : undefined;
  }
  return undefined;
}

function within(node: Node, container: Node): boolean {
  return node.getStart() >= container.getStart() && node.getEnd() <= container.getEnd();
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : '';
}

/** Whether a comment in `[start, end)` falls outside every span that is copied into the new code. */
function losesComments(sourceFile: SourceFile, [start, end]: [number, number], copied: Array<[number, number]>): boolean {
  const text = sourceFile.getFullText();
  const comments: ts.CommentRange[] = [];
  const visit = (node: ts.Node): void => {
    if (node.end <= start || node.pos >= end) return;
    if (node.getChildCount(sourceFile.compilerNode) === 0) comments.push(...(ts.getLeadingCommentRanges(text, node.pos) ?? []));
    node.getChildren(sourceFile.compilerNode).forEach(visit);
  };
  visit(sourceFile.compilerNode);
  return comments.some((c) => c.pos >= start && c.end <= end && !copied.some(([s, e]) => c.pos >= s && c.end <= e));
}

/** Every name spelled in the file (a copy: the caller adds the names it picks). */
function identifierNames(sourceFile: SourceFile): Set<string> {
  return new Set(identifierIndex(sourceFile).keys());
}

/** Names for one result: `user` for `users.push(...)`, `price` for `getPrice(id)` or `priceOf(id)`, else `value`. */
function valueNames(collect: Collect): string[] {
  const out: string[] = [];
  const placeName = Node.isPropertyAccessExpression(collect.place) ? collect.place.getName() : collect.place.getText();
  if (collect.kind === 'push') out.push(singular(placeName));
  const awaited = [collect.value, ...descendants(collect.value)].find(Node.isAwaitExpression)?.getExpression();
  if (awaited && Node.isCallExpression(awaited)) {
    const callee = awaited.getExpression();
    const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
    const noun = name.replace(VERB_PREFIX, '').replace(NOUN_SUFFIX, '');
    if (noun !== name) out.push(noun.charAt(0).toLowerCase() + noun.slice(1));
  }
  out.push('value', 'result');
  return out.filter((n) => n.length > 1 && /^[A-Za-z_$][\w$]*$/.test(n));
}

function singular(name: string): string {
  if (/ies$/.test(name)) return name.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh)es$/.test(name)) return name.slice(0, -2);
  if (/[^s]s$/.test(name)) return name.slice(0, -1);
  return '';
}

function freshName(candidates: string[], taken: Set<string>): string {
  const free = candidates.find((n) => !taken.has(n) && !RESERVED.has(n));
  if (free) return free;
  for (let i = 2; ; i++) if (!taken.has(`value${i}`)) return `value${i}`;
}
