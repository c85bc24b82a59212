// Things that do one thing at a time, whatever a loop asks of them, so passes that use
// one of them gain nothing from running together (and some fail when they try):
// - a queue or limiter built to run one task at a time (`new PQueue({ concurrency: 1 })`,
//   `pLimit(1)`): the loop waits for what would wait anyway;
// - one stateful object handed to a helper (`send(client.ws, msg)`, `insertLine(tx, row)`):
//   the same ordered channel as a method call on it, one level down;
// - one git repository (git locks its index while a command runs), one prepared
//   statement, one client of a command protocol (FTP, SFTP, IMAP, SSH);
// - a question put to the user (`showQuickPick`, a message with buttons): a person
//   answers one at a time.
import { Node, type CallExpression, type Expression, type Type } from 'ts-morph';
import { resolveCallee } from '../importedNames';
import { variesPerPass } from './loopPassScope';
import type { LoopShape } from './loopShape';

/** Object properties that cap how many tasks run at once (p-queue, Bottleneck). */
const CONCURRENCY_OPTIONS = new Set(['concurrency', 'maxConcurrent']);
/** Factories whose argument at the given position is the number of tasks that run at once. */
const QUEUE_FACTORIES: Array<{ module: RegExp; path: RegExp; position: number }> = [
  { module: /^p-limit$/, path: /^$/, position: 0 },
  { module: /^fastq$/, path: /^(promise)?$/, position: 1 },
  { module: /^async$/, path: /^queue$/, position: 1 },
];
const LIMITER_NAMES = /^p?limit$/i;

/**
 * Last words of names that say an argument is one stateful object: a socket, a stream,
 * a connection, a transaction, a file handle, a prepared statement. `client` is left out:
 * most clients are HTTP clients that take many requests at once.
 */
const STATEFUL_WORDS = /^(ws|socket|channel|stream|writer|connection|conn|tx|trx|txn|transaction|session|fh|handle|stmt|statement|port|peer|producer)$/i;
const STATEFUL_TYPES = /(Socket|Channel|MessagePort|Stream|Connection|Producer|PoolClient|Transaction|FileHandle|Statement)$/;
/** A transaction called as a function: Knex's `trx('users').insert(row)`. */
const TRANSACTION_FUNCTIONS = /^(tx|trx|txn|transaction)$/i;

/** Methods only a git repository has. */
const GIT_METHODS = new Set([
  'createBranch',
  'deleteBranch',
  'renameBranch',
  'deleteLocalBranch',
  'checkoutBranch',
  'checkoutLocalBranch',
  'cherryPick',
  'setBranchUpstream',
  'addRemote',
  'removeRemote',
  'deleteRemoteBranch',
  'createTag',
  'deleteTag',
  'stashApply',
  'stashDrop',
  'stashPop',
  'createWorktree',
  'deleteWorktree',
]);
const GIT_MODULES = new Set(['simple-git', 'isomorphic-git', 'nodegit']);
const PROTOCOL_MODULES = new Set([
  'basic-ftp',
  'ftp',
  'promise-ftp',
  'ssh2',
  'ssh2-sftp-client',
  'node-ssh',
  'imapflow',
  'imap',
  'imap-simple',
  'telnet-client',
]);
const PREPARED_STATEMENT_NAMES = /^(stmt|statement|prepared)$/i;

const VSCODE_QUESTIONS = /^window\.(showQuickPick|showInputBox|showOpenDialog|showSaveDialog|showWorkspaceFolderPick)$/;
const VSCODE_MESSAGES = /^window\.show(Information|Warning|Error)Message$/;
/** Options of a message, as opposed to the buttons it offers. */
const MESSAGE_OPTIONS = new Set(['modal', 'detail']);

/** `queue.add(task)` or `limit(task)` on a queue that runs one task at a time. */
export function throughOneAtATimeQueue(call: CallExpression): boolean {
  const callee = call.getExpression();
  const queue = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : callee;
  const created = initializerOf(queue);
  return !!created && runsOneAtATime(created);
}

function runsOneAtATime(created: Expression): boolean {
  if (!Node.isNewExpression(created) && !Node.isCallExpression(created)) return false;
  const args = created.getArguments();
  const optionsSayOne = args.some(
    (arg) =>
      Node.isObjectLiteralExpression(arg) &&
      arg.getProperties().some((p) => Node.isPropertyAssignment(p) && CONCURRENCY_OPTIONS.has(p.getName()) && isOne(p.getInitializer())),
  );
  if (optionsSayOne) return true;
  const factory = created.getExpression();
  const resolved = resolveCallee(factory);
  const positions = QUEUE_FACTORIES.filter((f) => resolved && f.module.test(resolved.module) && f.path.test(resolved.path)).map((f) => f.position);
  if (!resolved && Node.isIdentifier(factory) && LIMITER_NAMES.test(factory.getText())) positions.push(0);
  return positions.some((position) => isOne(args[position]));
}

function isOne(node: Node | undefined): boolean {
  return !!node && Node.isNumericLiteral(node) && node.getLiteralValue() === 1;
}

/** The expression a variable or field was created with: `x` in `const q = x`, `private q = x`. */
function initializerOf(node: Node): Expression | undefined {
  const nameNode = Node.isPropertyAccessExpression(node) ? node.getNameNode() : node;
  if (!Node.isIdentifier(nameNode)) return undefined;
  const declaration = nameNode.getSymbol()?.getValueDeclaration();
  if (!Node.isVariableDeclaration(declaration) && !Node.isPropertyDeclaration(declaration)) return undefined;
  let initializer = declaration.getInitializer();
  while (initializer && (Node.isAwaitExpression(initializer) || Node.isParenthesizedExpression(initializer))) initializer = initializer.getExpression();
  return initializer;
}

/**
 * `send(client.ws, msg)`: an argument every pass passes that is one stateful object.
 * `deleteBranch(state.repo, branch)`: a git command handed the one repository.
 */
export function passesStatefulObject(call: CallExpression, shape: LoopShape): boolean {
  const callee = call.getExpression();
  const gitCommand = GIT_METHODS.has(Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText());
  return call.getArguments().some((argument) => {
    if (!Node.isIdentifier(argument) && !Node.isPropertyAccessExpression(argument)) return false;
    if (variesPerPass(argument, shape)) return false;
    const type = argument.getType();
    if (isPrimitive(type)) return false;
    const name = Node.isPropertyAccessExpression(argument) ? argument.getName() : argument.getText();
    if (gitCommand || isGitRepository(argument, type, name)) return true;
    return STATEFUL_WORDS.test(lastWord(name)) || STATEFUL_TYPES.test(typeName(type));
  });
}

/** `trx('users')` in `trx('users').insert(row)`. */
export function onTransactionFunction(receiver: Node): boolean {
  let root = receiver;
  while (Node.isPropertyAccessExpression(root) || Node.isCallExpression(root)) root = root.getExpression();
  return Node.isIdentifier(root) && TRANSACTION_FUNCTIONS.test(root.getText()) && containsCall(receiver);
}

function containsCall(node: Node): boolean {
  for (let current = node; Node.isPropertyAccessExpression(current) || Node.isCallExpression(current); current = current.getExpression()) {
    if (Node.isCallExpression(current)) return true;
  }
  return false;
}

/**
 * A git repository, a prepared statement or a protocol client: `method` is called on
 * `receiver`, which is the same on every pass.
 */
export function isOneAtATimeReceiver(receiver: Expression, method: string): boolean {
  const name = Node.isPropertyAccessExpression(receiver) ? receiver.getName() : receiver.getText();
  const type = receiver.getType();
  if (GIT_METHODS.has(method) || isGitRepository(receiver, type, name)) return true;
  if (PREPARED_STATEMENT_NAMES.test(name) || typeName(type).endsWith('Statement')) return true;
  const module = createdBy(receiver);
  return !!module && PROTOCOL_MODULES.has(module);
}

function isGitRepository(receiver: Expression, type: Type, name: string): boolean {
  if (typeName(type) === 'SimpleGit') return true;
  // `git` without a type is simple-git in a half-installed workspace; a `git` typed by the
  // project is the project's own service (GitLens's `container.git`), often over many repositories.
  if (name === 'git' && (type.isAny() || type.isUnknown())) return true;
  // VS Code's git API and nodegit call it `Repository`, as do ORMs: only git's has branches.
  if (type.getProperty('createBranch')) return true;
  const module = createdBy(receiver) ?? resolveCallee(receiver)?.module;
  return !!module && GIT_MODULES.has(module);
}

/** The module whose export made the receiver: `basic-ftp` for `const client = new Client()`. */
function createdBy(receiver: Expression): string | undefined {
  const created = initializerOf(receiver);
  if (!Node.isNewExpression(created) && !Node.isCallExpression(created)) return undefined;
  return resolveCallee(created.getExpression())?.module;
}

/** A question put to the user in VS Code: a picker, an input box, a message with buttons. */
export function asksTheUser(call: CallExpression): boolean {
  const resolved = resolveCallee(call.getExpression());
  if (resolved?.module !== 'vscode') return false;
  if (VSCODE_QUESTIONS.test(resolved.path)) return true;
  return (
    VSCODE_MESSAGES.test(resolved.path) &&
    call
      .getArguments()
      .slice(1)
      .some((arg) => !isMessageOptions(arg))
  );
}

function isMessageOptions(node: Node): boolean {
  return (
    Node.isObjectLiteralExpression(node) &&
    node.getProperties().every((p) => MESSAGE_OPTIONS.has(Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? p.getName() : ''))
  );
}

function isPrimitive(type: Type): boolean {
  return (
    type.isString() ||
    type.isNumber() ||
    type.isBoolean() ||
    type.isStringLiteral() ||
    type.isNumberLiteral() ||
    type.isBooleanLiteral() ||
    type.isUndefined() ||
    type.isNull()
  );
}

function typeName(type: Type): string {
  return (type.getSymbol() ?? type.getAliasSymbol())?.getName() ?? '';
}

/** `writeStream` → `Stream`, `client_ws` → `ws`. */
function lastWord(name: string): string {
  return (
    name
      .split(/(?=[A-Z][a-z])|[^A-Za-z0-9]+/)
      .filter((w) => w !== '')
      .pop() ?? ''
  );
}
