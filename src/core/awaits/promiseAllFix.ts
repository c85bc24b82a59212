// The quick fix "Run together with Promise.all": one `await Promise.all([...])` in place of
// a group of awaits, keeping the names, destructuring patterns, types, `let`/`const`,
// comments and the file's layout. It always awaits the calls together: starting them
// early and awaiting them one by one would leave a rejection unhandled.
import { Node, ts, type CallExpression, type SourceFile, type Statement, type TypeChecker, type VariableDeclaration } from 'ts-morph';
import { WeakCache } from '../analysisCaches';
import type { Fix } from '../finding';
import { replaceSpan } from '../ranges';
import { previousStatement } from '../statementLists';
import { fixTitle } from '../templateText';
import type { AwaitStatement } from './awaitStatements';

/** A statement between two awaits of the group, and whether it reads what the group produces. */
export interface BetweenStatement {
  statement: Statement;
  readsGroup: boolean;
}

/** Past this width the calls go one per line, the way formatters lay out long arrays. */
const MAX_LINE_WIDTH = 80;

interface Element {
  call: string;
  /** What the result is bound to; empty for a result nobody uses. */
  pattern: string;
  /** The element's type for a tuple annotation, when one is written or can be printed. */
  type?: string;
}

type Form = 'const' | 'let' | 'var' | 'assign' | 'bare';

export interface PromiseAllRewrite {
  fix: Fix;
  /** What the new statement assigns, as the fix writes it before `await Promise.all([`: `const [user, settings] = `, or nothing. */
  assigns: string;
}

/**
 * The fix for a whole group. Statements between the awaits move: those that read a
 * result go after the new statement, the others before it. Undefined when no rewrite
 * is safe; the finding is then reported without a fix.
 */
export function promiseAllFix(members: readonly AwaitStatement[], between: readonly BetweenStatement[], checker: TypeChecker): PromiseAllRewrite | undefined {
  const first = members[0].statement;
  const last = members[members.length - 1].statement;
  const sourceFile = first.getSourceFile();
  if (!promiseIsGlobal(first, checker)) return undefined;
  const form = formOf(members);
  if (!form) return undefined;
  const elements = elementsOf(members, form, checker);
  if (!elements) return undefined;

  const newline = sourceFile.getFullText().includes('\r\n') ? '\r\n' : '\n';
  const indent = indentAt(sourceFile, first.getStart());
  const unit = indentUnit(sourceFile, indent);
  const semicolon = last.getText().trimEnd().endsWith(';') ? ';' : '';
  const hoisted = between.filter((b) => !b.readsGroup).map((b) => b.statement);
  const after = between.filter((b) => b.readsGroup).map((b) => b.statement);

  const patterns = elements.map((e) => e.pattern);
  while (patterns.length > 0 && patterns[patterns.length - 1] === '') patterns.pop();
  const annotation = elements.some((e) => e.type !== undefined) ? `: [${elements.map((e) => e.type ?? 'unknown').join(', ')}]` : '';
  const previous = hoisted.length > 0 ? hoisted[hoisted.length - 1].compilerNode : previousStatement(first);
  const assigns = form === 'bare' ? '' : form === 'assign' ? `[${patterns.join(', ')}] = ` : `${form} [${patterns.join(', ')}]${annotation} = `;
  const head = form === 'assign' ? `${asiGuard(previous, sourceFile.compilerNode)}${assigns}` : assigns;
  const statement = layout(
    `${head}await Promise.all([`,
    elements.map((e) => e.call),
    `])${semicolon}`,
    indent,
    unit,
    newline,
  );

  // The first await's own comments stay above the span, unless statements move in front of
  // it: then they go with the awaits, below the moved statements.
  const firstComments = hoisted.length > 0 ? commentRanges(first).leading : [];
  const start = firstComments.length > 0 ? firstComments[0].pos : first.getStart();
  const comments = (s: Statement): Comments => ownComments(s, { leading: s !== first || firstComments.length > 0, trailing: s !== last });
  const parts = [
    ...hoisted.map((s) => withComments(s, comments(s), newline, indent)),
    ...members.flatMap((m) => {
      const { leading, trailing } = comments(m.statement);
      return [...leading, ...trailing];
    }),
    statement,
    ...after.map((s) => withComments(s, comments(s), newline, indent)),
  ];
  return {
    fix: {
      ...fixTitle('Run together with Promise.all'),
      isPreferred: true,
      edits: [replaceSpan(sourceFile, start, last.getEnd(), parts.join(newline + indent))],
    },
    assigns,
  };
}

/** `const` unless a `let` needs reassigning later; assignments stay assignments; never a mix. */
function formOf(members: readonly AwaitStatement[]): Form | undefined {
  const flavors = new Set(members.map((m) => (m.binding.kind === 'declaration' ? m.binding.flavor : m.binding.kind)));
  flavors.delete('bare');
  if (flavors.size === 0) return 'bare';
  if (flavors.has('assignment')) return flavors.size === 1 ? 'assign' : undefined;
  if (flavors.has('var')) return flavors.size === 1 ? 'var' : undefined;
  return flavors.has('let') ? 'let' : 'const';
}

function elementsOf(members: readonly AwaitStatement[], form: Form, checker: TypeChecker): Element[] | undefined {
  const isJs = /\.[cm]?jsx?$/.test(members[0].statement.getSourceFile().getFilePath());
  const annotated = !isJs && members.some((m) => m.binding.kind === 'declaration' && m.binding.type);
  const out: Element[] = [];
  for (const member of members) {
    const { binding, call } = member;
    // JSDoc types (`/** @type {X} */`) belong to one declaration and cannot follow it into a tuple.
    if (isJs && Node.isVariableStatement(member.statement) && member.statement.getJsDocs().some((d) => d.getTags().length > 0)) return undefined;
    if (!annotated && form !== 'assign') {
      const spliced = flattenedPromiseAll(member);
      if (spliced) {
        out.push(...spliced);
        continue;
      }
    }
    if (binding.kind === 'bare') {
      out.push({ call: call.getText(), pattern: '', type: annotated ? 'unknown' : undefined });
      continue;
    }
    if (binding.kind === 'assignment') {
      out.push({ call: call.getText(), pattern: binding.target.getText() });
      continue;
    }
    let type: string | undefined;
    if (annotated) {
      type = binding.type?.getText() ?? printedType(binding.declaration, checker) ?? awaitedReturnType(call, checker);
      if (type === undefined) return undefined;
    }
    out.push({ call: call.getText(), pattern: binding.name.getText(), type });
  }
  return out;
}

/**
 * `const [a, b] = await Promise.all([f(), g()])` joining a group contributes `f()` and
 * `g()` with patterns `a` and `b`, rather than a Promise.all nested in another.
 */
function flattenedPromiseAll(member: AwaitStatement): Element[] | undefined {
  const { call, binding } = member;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getText() !== 'Promise.all') return undefined;
  const args = call.getArguments();
  if (args.length !== 1 || !Node.isArrayLiteralExpression(args[0]) || call.getTypeArguments().length > 0) return undefined;
  const items = args[0].getElements();
  if (items.some((i) => Node.isSpreadElement(i) || Node.isOmittedExpression(i))) return undefined;
  let patterns: string[];
  if (binding.kind === 'bare') {
    patterns = items.map(() => '');
  } else if (binding.kind === 'declaration' && Node.isArrayBindingPattern(binding.name)) {
    const names = binding.name.getElements();
    if (names.length > items.length || names.some((n) => Node.isBindingElement(n) && n.getDotDotDotToken())) return undefined;
    patterns = items.map((_, i) => (names[i] && !Node.isOmittedExpression(names[i]) ? names[i].getText() : ''));
  } else {
    return undefined;
  }
  return items.map((item, i) => ({ call: item.getText(), pattern: patterns[i] }));
}

/**
 * The type the checker gives an unannotated declaration, as text that means the same
 * where the new statement stands; undefined when the names it uses are not in scope there.
 */
function printedType(declaration: VariableDeclaration, checker: TypeChecker): string | undefined {
  const compilerChecker = checker.compilerObject;
  const node = declaration.compilerNode;
  const type = ts.isIdentifier(node.name)
    ? compilerChecker.getTypeAtLocation(node.name)
    : node.initializer && compilerChecker.getTypeAtLocation(node.initializer);
  if (!type) return undefined;
  const text = compilerChecker.typeToString(type, node, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
  if (/\bimport\(|\btypeof\b|\.\.\.|__/.test(text)) return undefined;
  const parsed = ts.createSourceFile('type.ts', `type T = ${text};`, ts.ScriptTarget.Latest);
  const alias = parsed.statements[0];
  if (parsed.statements.length !== 1 || !alias || !ts.isTypeAliasDeclaration(alias)) return undefined;
  let resolvable = true;
  const visit = (n: ts.Node): void => {
    if (ts.isTypeReferenceNode(n) || ts.isExpressionWithTypeArguments(n)) {
      const name = leftmostName(ts.isTypeReferenceNode(n) ? n.typeName : n.expression);
      const meaning = ts.SymbolFlags.Type | ts.SymbolFlags.Namespace | ts.SymbolFlags.Alias;
      if (!name || !compilerChecker.resolveName(name, node, meaning, false)) resolvable = false;
    }
    ts.forEachChild(n, visit);
  };
  visit(alias.type);
  return resolvable ? text : undefined;
}

/**
 * `Awaited<ReturnType<typeof api.fetchAccount>>`: the type of an awaited call whose type
 * cannot be written where the new statement stands (it is not exported, or not imported
 * here). Only for a callee named by a plain path with one non-generic signature, where
 * that type is exactly what the call returns.
 */
function awaitedReturnType(call: CallExpression, checker: TypeChecker): string | undefined {
  const callee = call.getExpression();
  if (!isEntityName(callee.compilerNode) || call.getTypeArguments().length > 0) return undefined;
  const compilerChecker = checker.compilerObject;
  const signatures = compilerChecker.getTypeAtLocation(callee.compilerNode).getCallSignatures();
  if (signatures.length !== 1 || (signatures[0].typeParameters?.length ?? 0) > 0) return undefined;
  return `Awaited<ReturnType<typeof ${callee.getText().replace(/\s+/g, '')}>>`;
}

/** `fetchAccount`, `api.accounts.fetch`: a name a `typeof` type query accepts. */
function isEntityName(node: ts.Node): boolean {
  if (ts.isIdentifier(node)) return true;
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name) && isEntityName(node.expression);
}

function leftmostName(name: ts.Node): string | undefined {
  let current = name;
  while (ts.isQualifiedName(current)) current = current.left;
  while (ts.isPropertyAccessExpression(current)) current = current.expression;
  return ts.isIdentifier(current) && current.text !== '' ? current.text : undefined;
}

/** The fix writes `Promise.all`; that must be the built-in, not a local of the same name. */
function promiseIsGlobal(at: Statement, checker: TypeChecker): boolean {
  const symbol = checker.compilerObject.resolveName('Promise', at.compilerNode, ts.SymbolFlags.Value, false);
  return !!symbol && (symbol.declarations ?? []).every((d) => d.getSourceFile().isDeclarationFile);
}

/** One line when it fits; otherwise one call per line with a trailing comma. */
function layout(open: string, calls: string[], close: string, indent: string, unit: string, newline: string): string {
  const oneLine = `${open}${calls.join(', ')}${close}`;
  if (!calls.some((c) => c.includes('\n')) && indent.length + oneLine.length <= MAX_LINE_WIDTH) return oneLine;
  const lines = calls.map((c) => `${indent}${unit}${reindent(c, unit, newline)},`);
  return [open, ...lines, `${indent}${close}`].join(newline);
}

/** Shifts a multi-line call one level right, unless a template literal spans lines (its text would change). */
function reindent(call: string, unit: string, newline: string): string {
  const lines = call.split(/\r?\n/);
  if (lines.length === 1 || /`[^`]*\n[^`]*`/.test(call)) return lines.join(newline);
  return [lines[0], ...lines.slice(1).map((l) => (l.trim() === '' ? l : unit + l))].join(newline);
}

function indentAt(sourceFile: SourceFile, position: number): string {
  const text = sourceFile.getFullText();
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, position))?.[0] ?? '';
}

/** Per file: each fix of a file would otherwise read all of it again. Depends on: the file's text. */
const spaceIndentUnits = new WeakCache<ts.SourceFile, string>();

/** One level of indentation as this file writes it: the step from the enclosing block, else the file's smallest. */
function indentUnit(sourceFile: SourceFile, indent: string): string {
  if (indent.includes('\t')) return '\t';
  return spaceIndentUnits.get(sourceFile.compilerNode, () => smallestSpaceIndent(sourceFile));
}

function smallestSpaceIndent(sourceFile: SourceFile): string {
  let smallest = Infinity;
  for (const line of sourceFile.getFullText().split(/\r?\n/)) {
    const leading = /^ +/.exec(line)?.[0].length ?? 0;
    // Lines inside block comments (` * text`) are indented by one for the star.
    if (leading >= 2 && !line.trimStart().startsWith('*')) smallest = Math.min(smallest, leading);
  }
  return ' '.repeat(Number.isFinite(smallest) ? smallest : 2);
}

/** A statement starting with `[` continues the previous one unless that one is closed. */
function asiGuard(previous: ts.Statement | undefined, sourceFile: ts.SourceFile): string {
  if (!previous) return '';
  const continues =
    ts.isExpressionStatement(previous) ||
    ts.isVariableStatement(previous) ||
    ts.isReturnStatement(previous) ||
    ts.isThrowStatement(previous) ||
    ts.isDoStatement(previous) ||
    ts.isImportDeclaration(previous) ||
    ts.isExportAssignment(previous);
  return continues && !previous.getText(sourceFile).trimEnd().endsWith(';') ? ';' : '';
}

interface Comments {
  leading: string[];
  trailing: string[];
}

/** Comments above a statement, and after it on its own line. */
function commentRanges(statement: Statement): { leading: ts.CommentRange[]; trailing: ts.CommentRange[] } {
  const text = statement.getSourceFile().getFullText();
  return {
    leading: ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [],
    trailing: ts.getTrailingCommentRanges(text, statement.getEnd()) ?? [],
  };
}

/** The comments of a statement that lie inside the replaced span, as text. */
function ownComments(statement: Statement, take: { leading: boolean; trailing: boolean }): Comments {
  const text = statement.getSourceFile().getFullText();
  const ranges = commentRanges(statement);
  const slice = (list: ts.CommentRange[]): string[] => list.map((r) => text.slice(r.pos, r.end));
  return { leading: take.leading ? slice(ranges.leading) : [], trailing: take.trailing ? slice(ranges.trailing) : [] };
}

/** A moved statement keeps its comments: those above it above, one after it on its line. */
function withComments(statement: Statement, comments: Comments, newline: string, indent: string): string {
  const body = comments.trailing.length > 0 ? `${statement.getText()} ${comments.trailing.join(' ')}` : statement.getText();
  return [...comments.leading, body].join(newline + indent);
}
