// sequential-await: awaits in one block that run one after another although the later
// ones use nothing the earlier ones produce. Groups are maximal runs: in
// `a = await f(); b = await g(); c = await h(a)` the group is {f, g}, and `h(a)` waits.
// Each group is one finding, on its second await: the first that waits for nothing.
import { Node, SyntaxKind, ts, type Identifier, type Statement } from 'ts-morph';
import { awaitStatementOf, type AwaitStatement } from '../awaits/awaitStatements';
import { callText } from '../awaits/callText';
import { callEffects, isGuardName, rootText, sameReceiver, sameReceiverRoot, sharesResource, type CallEffects, type CallKind } from '../awaits/callEffects';
import { calleeSummary, sameObject, touchedRoots, type CalleeSummary } from '../awaits/calleeSummary';
import { calledOnlyInOrderedSections } from '../awaits/calledOnlyInOrderedSections';
import { boundSymbols, readsAny } from '../awaits/dataFlow';
import { opensInEditor } from '../awaits/editorUi';
import { publishesEvent } from '../awaits/eventPublishing';
import { enclosingFunction, inOrderSensitiveTry, runsInOrderedSection } from '../awaits/orderedSections';
import { promiseAllFix } from '../awaits/promiseAllFix';
import { awaitability } from '../awaits/promiseLike';
import { saysSequentialOnPurpose } from '../awaits/sequentialIntent';
import { statementEffect } from '../awaits/sideEffects';
import { transactionContextArguments } from '../awaits/transactionContexts';
import { nodeRange } from '../ranges';
import { defineRule, type RuleContext } from '../rule';
import { descendantsOfKind } from '../syntaxDescendants';
import { relatedMessage } from '../templateText';
import { isTestFile } from '../testFiles';

type MessageId = 'sequential' | 'sequentialGroup';
type Context = RuleContext<MessageId>;

/**
 * The most awaits one group holds; the next await starts a new group. Each await joining a
 * group is compared with every member, so the bound keeps a generated function with
 * thousands of awaits linear, and no real group comes near it.
 */
export const MAX_GROUP_SIZE = 50;

/** How sure we are that a later await could have started with the earlier ones. */
type Relation = 'independent' | 'uncertain' | 'dependent';

interface Member {
  awaited: AwaitStatement;
  effects: CallEffects;
  /** The call's kind, where a bare `await f()` whose name says nothing counts as a write: it runs for its effect. */
  kind: CallKind;
  /** False when the checker had no real type for the call (`any` from an unresolved import). */
  typed: boolean;
  /** The variables its result is bound to. */
  bindings: Set<ts.Symbol>;
  /** The objects the call hands to a function that changes them, as root texts (`repo`). */
  mutates: string[];
  /** What the called function's body does, when the project has it. */
  summary?: CalleeSummary;
  /** Joined its group on less than certain grounds: reported only in the experimental tier. */
  uncertain: boolean;
}

interface Group {
  members: Member[];
  /** Statements between the first and the last member. */
  between: Statement[];
  /** Statements after the last member, which join `between` if another member follows. */
  pending: Statement[];
  /** A statement calls an application logger, code we cannot see. */
  callsLogger: boolean;
}

export const sequentialAwait = defineRule<MessageId>({
  meta: {
    id: 'sequential-await',
    family: 'await',
    defaultSeverity: 'warning',
    description: 'Awaits that run one after another although the later ones do not use what the earlier ones produce.',
    experimental: false,
  },
  messages: {
    sequential: '`{later}` does not use the result of `{earlier}`, yet waits for it to finish. Start both together with Promise.all.',
    sequentialGroup:
      "`{later}` does not use the result of `{earlier}`, yet waits for it to finish, and so on through a group of {count} awaits that use none of each other's results. Start them together with Promise.all.",
  },
  check(context) {
    const { sourceFile } = context;
    if (!context.settings.awaitRulesInTests && isTestFile(sourceFile)) return;
    // Walk the compiler's tree and wrap only the statement lists that hold two awaits:
    // wrapping every node of a large file costs more than the rest of the rule.
    const visit = (node: ts.Node): void => {
      const statements = statementsOf(node);
      if (statements && statements.filter(startsWithAwait).length >= 2) {
        const holder =
          node === sourceFile.compilerNode
            ? sourceFile
            : sourceFile.getDescendantAtStartWithWidth(node.getStart(sourceFile.compilerNode), node.getWidth(sourceFile.compilerNode));
        if (holder && (Node.isSourceFile(holder) || Node.isBlock(holder) || Node.isCaseClause(holder) || Node.isDefaultClause(holder)))
          checkStatements(holder.getStatements(), context);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile.compilerNode);
  },
});

function statementsOf(node: ts.Node): ts.NodeArray<ts.Statement> | undefined {
  if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) return node.statements;
  return undefined;
}

/** A cheap first look: `await ...;`, `x = await ...;` or `const x = await ...;`. */
function startsWithAwait(statement: ts.Statement): boolean {
  let expression: ts.Expression | undefined;
  if (ts.isExpressionStatement(statement)) expression = statement.expression;
  else if (ts.isVariableStatement(statement)) expression = statement.declarationList.declarations[0]?.initializer;
  while (expression && ts.isParenthesizedExpression(expression)) expression = expression.expression;
  if (expression && ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) expression = expression.right;
  while (expression && ts.isParenthesizedExpression(expression)) expression = expression.expression;
  return !!expression && ts.isAwaitExpression(expression);
}

function checkStatements(statements: Statement[], context: Context): void {
  if (statements.filter((s) => awaitStatementOf(s)).length < 2) return;
  const anchor = statements[0];
  if (runsInOrderedSection(anchor, context.settings) || calledOnlyInOrderedSections(anchor, context.settings) || inOrderSensitiveTry(anchor)) return;
  const experimental = context.settings.experimental;
  let group: Group | undefined;
  const flush = (): void => {
    if (group && group.members.length >= 2) reportGroup(group, context);
    group = undefined;
  };
  for (const statement of statements) {
    const member = memberOf(statement, context);
    if (member) {
      const relation = group && group.members.length < MAX_GROUP_SIZE && relationToGroup(member, group, context);
      if (group && (relation === 'independent' || (relation === 'uncertain' && experimental))) {
        member.uncertain = relation === 'uncertain';
        group.between.push(...group.pending);
        group.pending = [];
        group.members.push(member);
      } else {
        flush();
        group = { members: [member], between: [], pending: [], callsLogger: false };
      }
      continue;
    }
    const effect = group ? statementEffect(statement, context.checker) : 'effects';
    if (group && (effect === 'pure' || effect === 'console' || (effect === 'logger' && experimental))) {
      group.pending.push(statement);
      group.callsLogger ||= effect === 'logger';
      continue;
    }
    flush();
  }
  flush();
}

/** An await that could join a group, or undefined for one that must stay where it is. */
function memberOf(statement: Statement, context: Context): Member | undefined {
  const awaited = awaitStatementOf(statement);
  if (!awaited) return undefined;
  const typed = awaitability(awaited.call, context.checker);
  // Without a type we cannot tell a request from a plain value: guess only when asked to.
  if (typed === 'plain' || (typed === 'unknown' && !context.settings.experimental)) return undefined;
  const effects = callEffects(awaited.call, context.settings);
  // Sleeps, locks and transaction steps exist to order what comes after them; a call handed
  // a request context that the program runs transactions on (`repository.find(ctx, …)`, or
  // `getRepository(ctx, Product).find(…)` on the way) queries that transaction's one
  // connection, in the order it is sent.
  const calls = [awaited.call, ...descendantsOfKind(awaited.call, SyntaxKind.CallExpression)];
  if (effects.role || calls.some((call) => transactionContextArguments(call).length > 0)) return undefined;
  // Tabs opened one by one keep their order and focus; code its author says runs in turn does so
  // for a reason; an event goes out where it does on purpose, and publishing it costs little.
  if (opensInEditor(awaited.call) || saysSequentialOnPurpose(statement) || publishesEvent(awaited.call)) return undefined;
  const { binding } = awaited;
  // `await validatePath(p)` is there to throw, even when it returns a value: what follows
  // relies on it having passed, and should not run (or win the race to fail) for rejected input.
  if (effects.names.some(isGuardName)) return undefined;
  const summary = calleeSummary(awaited.call, context.settings);
  // A callee that starts no asynchronous work has nothing to overlap with.
  if (summary?.idle) return undefined;
  let bindings = new Set<ts.Symbol>();
  if (binding.kind === 'declaration') bindings = boundSymbols(binding.name);
  if (binding.kind === 'assignment') {
    // Assigning an outer variable is an effect other code can observe.
    const symbol = privateLocal(binding.target);
    if (!symbol) return undefined;
    bindings.add(symbol);
  }
  const args = awaited.call.getArguments();
  const mutates = [...(summary?.mutatedParameters ?? [])].flatMap((i) => (args[i] ? [rootText(args[i])] : []));
  // What the body does outranks what the name says: `fetchAndCheckout` writes, and so does
  // `findAllInBatches(query, async (rows) => destroyAll(rows))` through the callback it runs.
  const writes = (!!summary && (summary.writes || mutates.length > 0)) || handsWritingCallback(awaited.call, context);
  const kind = writes || (effects.kind === 'unknown' && binding.kind === 'bare') ? 'write' : effects.kind;
  return { awaited, effects, kind, typed: typed === 'thenable', bindings, mutates, summary, uncertain: false };
}

/** A function argument whose body calls something that writes: the call runs it. */
function handsWritingCallback(call: Node, context: Context): boolean {
  if (!Node.isCallExpression(call)) return false;
  return call
    .getArguments()
    .some(
      (argument) =>
        (Node.isArrowFunction(argument) || Node.isFunctionExpression(argument)) &&
        descendantsOfKind(argument, SyntaxKind.CallExpression).some((inner) => callEffects(inner, context.settings).kind === 'write'),
    );
}

/**
 * The symbol of a variable that only this function sees: declared in it, and read by no
 * closure. Such an assignment is invisible to the calls the group makes.
 */
function privateLocal(target: Identifier): ts.Symbol | undefined {
  const symbol = target.getSymbol()?.compilerSymbol;
  const declaration = target.getSymbol()?.getValueDeclaration();
  if (!symbol || !declaration || !Node.isVariableDeclaration(declaration)) return undefined;
  const fn = enclosingFunction(target);
  if (Node.isSourceFile(fn) || enclosingFunction(declaration) !== fn) return undefined;
  const captured = descendantsOfKind(fn, SyntaxKind.Identifier).some(
    (id) => id.getText() === target.getText() && enclosingFunction(id) !== fn && id.getSymbol()?.compilerSymbol === symbol,
  );
  return captured ? undefined : symbol;
}

function relationToGroup(later: Member, group: Group, context: Context): Relation {
  const checker = context.checker.compilerObject;
  const produced = new Set(group.members.flatMap((m) => [...m.bindings]));
  // Data: the call reads a result, or something derived from one.
  if (readsAny(later.awaited.call, produced, checker)) return 'dependent';
  // Assigning a variable that an earlier member assigns, or that a statement in between reads,
  // would change what that statement sees once the statements move.
  const statements = [...group.between, ...group.pending];
  if ([...later.bindings].some((b) => produced.has(b)) || statements.some((s) => readsAny(s, later.bindings, checker))) return 'dependent';
  let relation: Relation = group.callsLogger ? 'uncertain' : 'independent';
  for (const earlier of group.members) {
    const pair = callRelation(earlier, later);
    if (pair === 'dependent') return 'dependent';
    if (pair === 'uncertain') relation = 'uncertain';
  }
  return relation;
}

/** Whether two calls can run at the same time, judged by what they touch and do. */
function callRelation(earlier: Member, later: Member): Relation {
  // One call hands an object to a function that changes it, and the other reads it.
  if (changesWhatOtherTouches(earlier, later) || changesWhatOtherTouches(later, earlier)) return 'dependent';
  // One call fills a cache on its object (`session.loadToken()`) that the other may read.
  if (readsCacheOf(earlier, later) || readsCacheOf(later, earlier)) return 'dependent';
  // A callee that can throw on its input before any I/O (`parseUpload` checking a size,
  // `getExtension` parsing a ref) stops what follows when the input is bad: a later write
  // must wait for it. A later read costs only a wasted request then, and the check's error,
  // raised before any I/O, still settles first.
  if (earlier.summary?.throwsFirst && later.kind !== 'read') return 'dependent';
  const bothRead = earlier.kind === 'read' && later.kind === 'read';
  // One stateful object (a stream, a connection, a page): order plausibly matters unless both only read.
  if (sameReceiver(earlier.effects, later.effects) && !bothRead) return 'dependent';
  if (sameReceiverRoot(earlier.effects, later.effects) && (earlier.kind === 'write' || later.kind === 'write')) return 'dependent';
  // The same key, path or id, written or consumed on one side.
  const changesState = (m: Member): boolean => m.kind === 'write' || m.kind === 'consume';
  if ((changesState(earlier) || changesState(later)) && sharesResource(earlier.effects, later.effects)) return 'dependent';
  // A write changes the story: the later call may rely on it, or should run only if it succeeded.
  if (earlier.kind === 'write' || later.kind === 'write') return 'uncertain';
  if (!earlier.typed || !later.typed) return 'uncertain';
  return 'independent';
}

function changesWhatOtherTouches(writer: Member, other: Member): boolean {
  if (writer.mutates.length === 0) return false;
  const touched = touchedRoots(other.awaited.call);
  return writer.mutates.some((m) => touched.some((t) => sameObject(m, t)));
}

/**
 * Whether `other` may read a field `filler` fills as a cache on its receiver: a method of the
 * same object that reads it, or that we cannot see, or a call handed that object.
 */
function readsCacheOf(filler: Member, other: Member): boolean {
  const fields = [...(filler.summary?.cachedFields ?? [])];
  const receiver = filler.effects.receiver;
  if (fields.length === 0 || !receiver) return false;
  if (sameReceiver(filler.effects, other.effects)) return !other.summary || fields.some((f) => other.summary?.readFields.has(f));
  const filled = rootText(receiver);
  return touchedRoots(other.awaited.call).some((t) => sameObject(filled, t));
}

function reportGroup(group: Group, context: Context): void {
  const { members } = group;
  const checker = context.checker.compilerObject;
  const produced = new Set(members.flatMap((m) => [...m.bindings]));
  const rewrite = promiseAllFix(
    members.map((m) => m.awaited),
    group.between.map((statement) => ({ statement, readsGroup: readsAny(statement, produced, checker) })),
    context.checker,
  );
  const calls = members.map((m) => callText(m.awaited.call));
  const file = context.sourceFile.getFilePath();
  const [first, second, ...rest] = members;
  context.report({
    node: second.awaited.awaitExpression,
    messageId: members.length === 2 ? 'sequential' : 'sequentialGroup',
    data: members.length === 2 ? { later: calls[1], earlier: calls[0] } : { later: calls[1], earlier: calls[0], count: String(members.length) },
    related: [
      { file, range: nodeRange(first.awaited.awaitExpression), ...relatedMessage('waits behind this await') },
      ...rest.map((m) => ({ file, range: nodeRange(m.awaited.awaitExpression), ...relatedMessage('also waits in line, using none of the results before it') })),
    ],
    fixes: rewrite ? [rewrite.fix] : [],
    explanation: {
      card: 'sequential-await',
      later: calls[1],
      earlier: calls[0],
      group: calls,
      functionName: functionNameOf(first.awaited.statement),
      ...(rewrite?.assigns ? { assigns: rewrite.assigns } : {}),
    },
    // Only what the default tier would also group makes the finding a default one.
    experimental: members.slice(1).every((m) => m.uncertain),
  });
}

/** The name a reader knows the enclosing function by, if it has one. */
function functionNameOf(node: Node): string | undefined {
  const fn = enclosingFunction(node);
  if (Node.isConstructorDeclaration(fn)) return 'constructor';
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isGetAccessorDeclaration(fn) || Node.isSetAccessorDeclaration(fn))
    return fn.getName();
  if (Node.isFunctionExpression(fn) && fn.getName()) return fn.getName();
  if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) {
    const holder = fn.getParent();
    if (Node.isVariableDeclaration(holder) || Node.isPropertyAssignment(holder) || Node.isPropertyDeclaration(holder)) return holder.getName();
  }
  return undefined;
}
