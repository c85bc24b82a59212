// Code whose author says it runs one at a time on purpose: a comment in or on a loop, on
// the await or the lines of its paragraph, or on the function around it ("probes one
// repo at a time", "sequentially, to avoid rate limits"), or a function named for it
// (`probeSequentially`). The author knows what the calls share that we cannot see.
import { Node, ts } from 'ts-morph';
import { statementIndexAt } from '../statementLists';
import { enclosingFunction } from './orderedSections';

const SAYS_SEQUENTIAL = new RegExp(
  [
    // Not the rule's own name, as a suppression comment spells it, nor its message id after
    // it (`sequential-await sequential`), as a note that quotes a finding spells them.
    String.raw`(?<!sequential-await\s+)\bsequential(ly)?\b(?!-await)`,
    String.raw`\bserially\b`,
    String.raw`\bin (series|sequence)\b`,
    // "one at a time", "one repo at a time", "one by one", "one after another".
    String.raw`\bone(\s+\w+)?\s+at\s+a\s+time\b`,
    String.raw`\bone (by one|after (the )?(other|another))\b`,
    // "in order to" states a purpose, and "in order of" a sort key: neither is about running in turn;
    // nor are two calls kept "in order inside one item", which says nothing about the passes.
    String.raw`\bin order\b(?!\s+(to|of)\b)(?!.*\b(inside|within)\s+(one|each|a)\b)`,
    String.raw`\b(preserve|keep|maintain)s?\s+(the\s+)?order\b`,
    String.raw`\b(don'?t|do not|not|never|avoid|no)\s+(run\s+(them\s+|these\s+)?)?(in\s+)?parallel`,
    String.raw`\brate[\s-]?limit`,
  ].join('|'),
  'i',
);
/** `probeSequentially`, `fetchOneByOne`, `process_serially`; not `profilesInOrder`, which names how a result is sorted. */
const SEQUENTIAL_NAME = /sequential|serially|onebyone|oneatatime|inseries/i;

/**
 * Whether the author says `node` (a loop, or a statement holding an await) runs its work
 * in turn on purpose: in a comment inside it, before it or before a statement of its
 * paragraph, or on or in the name of the function around it.
 */
export function saysSequentialOnPurpose(node: Node): boolean {
  const text = node.getSourceFile().getFullText();
  return (
    commentsInside(node.compilerNode, text).some(saysSequential) || paragraphComments(node, text).some(saysSequential) || functionSaysSequential(node, text)
  );
}

/**
 * A `kitchen-sync-disable` directive is the user silencing a finding by name: its reason
 * ("run one at a time on purpose") must not silence the finding first, or the directive
 * would be reported as unused.
 */
function saysSequential(comment: string): boolean {
  return !comment.includes('kitchen-sync-disable') && SAYS_SEQUENTIAL.test(comment);
}

/** Every comment within a node's own text, found in the trivia before each of its tokens. */
function commentsInside(root: ts.Node, text: string): string[] {
  const comments: string[] = [];
  const seen = new Set<number>();
  const stack: ts.Node[] = [...root.getChildren()];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    for (const range of ts.getLeadingCommentRanges(text, node.pos) ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      comments.push(text.slice(range.pos, range.end));
    }
    stack.push(...node.getChildren());
  }
  return comments;
}

/** A paragraph longer than this is generated code, not prose: the walk up stops there. */
const MAX_PARAGRAPH = 30;

/**
 * The comments before `node` and before the statements of its paragraph: the statements
 * right above it in its block, up to a blank line. The comment may sit on the loop or on
 * the array the loop fills.
 */
function paragraphComments(node: Node, text: string): string[] {
  const statement = Node.isStatement(node) ? node : node.getFirstAncestor((ancestor) => Node.isStatement(ancestor));
  const holder = statement?.getParent();
  if (!statement || !holder || !(Node.isBlock(holder) || Node.isSourceFile(holder) || Node.isCaseClause(holder) || Node.isDefaultClause(holder))) {
    return leadingComments(node.compilerNode.pos, text);
  }
  const statements = holder.compilerNode.statements;
  const comments: string[] = [];
  const last = statementIndexAt(statements, statement.getPos());
  for (let i = last; i >= 0 && last - i < MAX_PARAGRAPH; i--) {
    const start = statements[i].pos;
    comments.push(...leadingComments(start, text));
    // Trivia with a blank line in it ends the paragraph.
    if (/\n[ \t]*\r?\n/.test(text.slice(start, statements[i].getStart(node.getSourceFile().compilerNode)))) break;
  }
  return comments;
}

function leadingComments(pos: number, text: string): string[] {
  return (ts.getLeadingCommentRanges(text, pos) ?? []).map((range) => text.slice(range.pos, range.end));
}

/** The function's own doc comment or name says it works in turn. */
function functionSaysSequential(node: Node, text: string): boolean {
  const fn = enclosingFunction(node);
  if (Node.isSourceFile(fn)) return false;
  // `const probeAll = async () => …` and `probeAll: async () => …` are named, and documented, by what holds them.
  const parent = fn.getParent();
  const named = Node.isVariableDeclaration(parent)
    ? (parent.getVariableStatement() ?? parent)
    : Node.isPropertyDeclaration(parent) || Node.isPropertyAssignment(parent)
      ? parent
      : fn;
  const name =
    Node.isVariableDeclaration(parent) || Node.isPropertyDeclaration(parent) || Node.isPropertyAssignment(parent)
      ? parent.getName()
      : Node.hasName(fn)
        ? fn.getName()
        : undefined;
  if (name && SEQUENTIAL_NAME.test(name.replace(/[_\s]/g, ''))) return true;
  return leadingComments(named.getPos(), text).some(saysSequential);
}
