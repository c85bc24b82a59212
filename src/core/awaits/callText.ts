// How a call is named in messages and cards: the user's own text, on one line, without
// comments, and shortened the way a person would when it is long.
import { Node, ts, type CallExpression } from 'ts-morph';

/** Past this length a call is shortened. */
const MAX_CALL_TEXT = 72;

/**
 * The call as the user wrote it, on one line. A long one keeps what tells it apart:
 * `pool.query('SELECT name FROM users', …)`, `fetch(url).then(…)`, else `api.search(…)`.
 */
export function callText(call: CallExpression): string {
  const full = oneLine(withoutComments(call));
  if (full.length <= MAX_CALL_TEXT) return full;
  const callee = call.getExpression();
  // A promise chain is known by the call it continues.
  if (Node.isPropertyAccessExpression(callee) && /^(then|catch|finally)$/.test(callee.getName())) {
    const continued = callee.getExpression();
    if (Node.isCallExpression(continued)) return `${callText(continued)}.${callee.getName()}(…)`;
  }
  const name = oneLine(withoutComments(callee));
  const args = call.getArguments();
  const withFirst = args.length > 0 ? `${name}(${oneLine(withoutComments(args[0]))}${args.length > 1 ? ', …' : ''})` : '';
  return withFirst !== '' && withFirst.length <= MAX_CALL_TEXT ? withFirst : `${name}(…)`;
}

/** A node's text with the comments inside it taken out, for showing it on one line. */
function withoutComments(node: Node): string {
  const text = node.getSourceFile().getFullText();
  const [start, end] = [node.getStart(), node.getEnd()];
  const comments = new Map<number, number>();
  const visit = (current: ts.Node): void => {
    const ranges = [...(ts.getLeadingCommentRanges(text, current.pos) ?? []), ...(ts.getTrailingCommentRanges(text, current.end) ?? [])];
    for (const range of ranges) if (range.pos >= start && range.end <= end) comments.set(range.pos, range.end);
    for (const child of current.getChildren(node.getSourceFile().compilerNode)) visit(child);
  };
  visit(node.compilerNode);
  let out = '';
  let cursor = start;
  for (const [from, to] of [...comments].sort(([a], [b]) => a - b)) {
    out += text.slice(cursor, from);
    cursor = to;
  }
  return out + text.slice(cursor, end);
}

/** `f({\n  a,\n})` → `f({ a })`, `g(\n  a,\n)` → `g(a)`. */
function oneLine(text: string): string {
  return text
    .replace(/([([])\s*\n\s*/g, '$1')
    .replace(/,?\s*\n\s*([)\]])/g, '$1')
    .replace(/,?\s*\n\s*}/g, ' }')
    .replace(/\s*\n\s*/g, ' ');
}
