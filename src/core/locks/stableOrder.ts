// Two locks of one class (`from.lock`, `to.lock`) nested in one function: whether the code
// already takes them in a stable order, and the quick fix that makes it so. The order is
// stable when the pair was sorted first (`const [first, second] = a.id <= b.id ? [a, b] :
// [b, a]`). The fix writes that sort, by a key the objects are known to have (`id`) as a
// plain fix, or as a snippet that leaves the key for the user to pick.
import { ts } from 'ts-morph';
import type { Fix } from '../finding';
import { fixTitle } from '../templateText';
import { indentationAt, newlineOf, spanEdit } from './codeLayout';
import type { NestingSite } from './lockGraph';
import { directNesting } from './orderFixes';
import { skipOuterExpressions, type LockContext } from './resolution';

/** Properties that make a good, stable order between two objects of one class. */
const KEY_NAMES = ['id', 'key', 'uuid', 'name'];

/**
 * For `from.lock` then `to.lock`: the same two locks, always taken lower key first. A plain
 * fix when the objects have a key property; otherwise a snippet with the key to pick.
 */
export function stableOrderFix(site: NestingSite, file: ts.SourceFile, ctx: LockContext): Fix | undefined {
  const nesting = directNesting(site, file, ctx);
  if (!nesting || nesting.outer.target.kind !== 'object' || nesting.inner.target.kind !== 'object') return undefined;
  const outerLock = skipOuterExpressions(nesting.outer.target.expression);
  const innerLock = skipOuterExpressions(nesting.inner.target.expression);
  if (!ts.isPropertyAccessExpression(outerLock) || !ts.isPropertyAccessExpression(innerLock) || outerLock.name.text !== innerLock.name.text) return undefined;
  const a = skipOuterExpressions(outerLock.expression);
  const b = skipOuterExpressions(innerLock.expression);
  if (!ts.isIdentifier(a) || !ts.isIdentifier(b) || a.text === b.text) return undefined;
  const statement = nesting.shape === 'statements' ? nesting.first : nesting.statement;
  if (!statement) return undefined;
  const names = freeNames(statement, ctx.checker);
  if (!names) return undefined;

  const key = keyProperty(a, ctx.checker);
  const text = file.getFullText();
  const isJs = /\.[cm]?jsx?$/.test(file.fileName);
  const asConst = isJs ? '' : ' as const';
  const escape = key ? (s: string) => s : escapeSnippet;
  const keyText = key ?? '${1:id}';
  const [x, y] = [escape(a.text), escape(b.text)];
  const declaration = `const [${names[0]}, ${names[1]}] = ${x}.${keyText} <= ${y}.${keyText} ? [${x}, ${y}]${asConst} : [${y}, ${x}]${asConst};`;
  const start = statement.getStart(file);
  return {
    ...(key
      ? fixTitle('Take {outer} and {inner} in a stable order, by {key}', { outer: outerLock.getText(file), inner: innerLock.getText(file), key })
      : fixTitle('Take {outer} and {inner} in a stable order (pick the key)', { outer: outerLock.getText(file), inner: innerLock.getText(file) })),
    isPreferred: !!key,
    ...(key ? {} : { snippet: true }),
    edits: [
      spanEdit(file, start, start, `${declaration}${newlineOf(text)}${indentationAt(text, start)}`),
      spanEdit(file, a.getStart(file), a.getEnd(), names[0]),
      spanEdit(file, b.getStart(file), b.getEnd(), names[1]),
    ],
  };
}

/** A property every object of the type has, with a string or number value. */
function keyProperty(object: ts.Expression, checker: ts.TypeChecker): string | undefined {
  const type = checker.getTypeAtLocation(object);
  for (const name of KEY_NAMES) {
    const property = type.getProperty(name);
    if (!property || property.flags & ts.SymbolFlags.Optional) continue;
    const valueType = checker.getTypeOfSymbolAtLocation(property, object);
    if (valueType.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike)) return name;
  }
  return undefined;
}

/** Names for the ordered pair that nothing in scope uses yet. */
function freeNames(at: ts.Node, checker: ts.TypeChecker): [string, string] | undefined {
  const taken = new Set(checker.getSymbolsInScope(at, ts.SymbolFlags.Value).map((s) => s.getName()));
  for (const pair of [
    ['first', 'second'],
    ['firstLocked', 'secondLocked'],
  ] as const) {
    if (!taken.has(pair[0]) && !taken.has(pair[1])) return [pair[0], pair[1]];
  }
  return undefined;
}

/** Text inside an LSP snippet: `$`, `}` and `\` are syntax there. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/**
 * Whether the two objects were sorted into a pair before their locks were taken:
 * `const [first, second] = a.id <= b.id ? [a, b] : [b, a]` or `[a, b].sort(byId)`.
 */
export function isStablyOrdered(site: NestingSite, file: ts.SourceFile): boolean {
  const first = bindingAt(file, site.from.instance);
  const second = bindingAt(file, site.to.instance);
  if (!first || !second || first.parent !== second.parent || !ts.isArrayBindingPattern(first.parent)) return false;
  const declaration = first.parent.parent;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  const init = skipOuterExpressions(declaration.initializer);
  if (ts.isConditionalExpression(init)) {
    const whenTrue = skipOuterExpressions(init.whenTrue);
    const whenFalse = skipOuterExpressions(init.whenFalse);
    return ts.isArrayLiteralExpression(whenTrue) && ts.isArrayLiteralExpression(whenFalse) && isSwapped(whenTrue, whenFalse);
  }
  return ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && ['sort', 'toSorted'].includes(init.expression.name.text);
}

function isSwapped(a: ts.ArrayLiteralExpression, b: ts.ArrayLiteralExpression): boolean {
  const texts = (array: ts.ArrayLiteralExpression) => array.elements.map((e) => skipOuterExpressions(e).getText());
  const [x, y] = [texts(a), texts(b)];
  return x.length === 2 && y.length === 2 && x[0] === y[1] && x[1] === y[0] && x[0] !== x[1];
}

/** The destructured variable a `local:` instance names (its key ends in `@<position>`). */
function bindingAt(file: ts.SourceFile, instance: string): ts.BindingElement | undefined {
  const match = /^local:(.*)#.*@(\d+)$/.exec(instance);
  if (!match || match[1] !== file.fileName) return undefined;
  const position = Number(match[2]);
  let found: ts.BindingElement | undefined;
  const visit = (node: ts.Node): void => {
    if (found || position < node.getStart(file) || position >= node.getEnd()) return;
    if (ts.isBindingElement(node) && node.getStart(file) === position) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
