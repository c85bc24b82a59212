// Code that runs while nothing else waits for the event loop: a one-off script (a CLI, a
// migration, a seed, a build or tooling script), startup before the program serves
// anything, and shutdown after it has stopped. Blocking there delays only the job itself.
import * as path from 'node:path';
import { Node, SyntaxKind, ts, type SourceFile } from 'ts-morph';
import { identifiersNamed } from '../identifierIndex';
import { wrapperOf } from '../syntaxDescendants';
import { isFunctionLike, ITERATING_METHODS, type FunctionLike } from './syncRegion';

/** Folders of scripts run once by hand or by a deploy to change stored data: `migrations/`, `seeds/`. */
const DATA_SCRIPT_FOLDER = /^(migrations?|seeds?|seeders?)$/;
/** The usual folder of a package's command-line entry points. */
const CLI_FOLDER = 'bin';
/**
 * Folders of build and tooling scripts: `scripts/`, `build/`, `tools/`, beside the sources
 * rather than in them (`src/tools/` may be the product's own tools, run per request).
 */
const TOOLING_FOLDER = /^(scripts?|build|tools?)$/;
const SOURCE_FOLDER = /^(src|lib)$/;
/** `seed.ts`, `seed-users.ts`, `seedDatabase.ts`, `users.seed.ts`. */
const SEED_FILE = /^[Ss]eed(s|ers?|ing)?([._-]|[A-Z]|$)|\.seeds?$/;
/** Build tools' own files, wherever they are: `gulpfile.ts`, `webpack.config.js`, `webpack.prod.config.ts`, `esbuild.mjs`. */
const BUILD_TOOL_FILE = /^(gulpfile|webpack\..*config|esbuild)([._-]|$)/i;
/** `vite.config.ts`, `jest.config.js`: a tool's configuration, when it sits at a package's root (`src/app.config.ts` may be the app's own). */
const CONFIG_FILE = /\.config$/;
const SCRIPT_EXTENSION = /\.[cm]?[jt]sx?$/;

/** NestJS hooks that run once, before the application serves or after it has stopped. */
const LIFECYCLE_HOOKS = new Set(['onModuleInit', 'onApplicationBootstrap', 'onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown']);
/** `up`/`down` of a class named like a migration (TypeORM's `CreateUsers1612345678901`, `AddIndexMigration`). */
const MIGRATION_CLASS = /Migration|\d{10,}$/;
/** The methods that start an application: called once, before it serves anything. */
const START_METHODS = new Set(['start', 'init', 'initialize', 'bootstrap', 'main']);
/** A class the process makes one of to run the program: `BaseApplication`, `DesktopApp`. */
const APPLICATION_CLASS = /(App|Application)$/;
/** A command-line package's folder of commands, each module run by the CLI for one command. */
const COMMANDS_FOLDER = 'commands';
/** A server's folder of the modules it runs once at boot to set itself up (medusa's `loaders/`). */
const LOADERS_FOLDER = 'loaders';

/**
 * A file the process runs as its one job: a CLI (a `#!` line, or under `bin/`), or a
 * maintenance script. Folders are read inside the project, so a checkout under `~/bin` is
 * not a script.
 */
export function isOneOffScript(sourceFile: SourceFile): boolean {
  if (sourceFile.getFullText().startsWith('#!')) return true;
  return projectRelativePath(sourceFile).split(/[\\/]/).slice(0, -1).includes(CLI_FOLDER) || isMaintenanceScript(sourceFile);
}

/**
 * A migration, a seed, or a build or tooling script: run by a developer or a deploy, with
 * no user waiting on it, and often paced on purpose so as not to load the database.
 */
export function isMaintenanceScript(sourceFile: SourceFile): boolean {
  const segments = projectRelativePath(sourceFile).split(/[\\/]/);
  const stem = segments[segments.length - 1].replace(SCRIPT_EXTENSION, '');
  const folders = segments.slice(0, -1);
  if (SEED_FILE.test(stem) || BUILD_TOOL_FILE.test(stem) || folders.some((folder) => DATA_SCRIPT_FOLDER.test(folder))) return true;
  const sources = folders.findIndex((folder) => SOURCE_FOLDER.test(folder));
  if (folders.some((folder, index) => TOOLING_FOLDER.test(folder) && (sources < 0 || index < sources))) return true;
  return CONFIG_FILE.test(stem) && isAtPackageRoot(sourceFile, segments);
}

/** In the project's own folder, or in a folder with a `package.json`. */
function isAtPackageRoot(sourceFile: SourceFile, projectSegments: readonly string[]): boolean {
  if (projectSegments.length === 1 && typeof sourceFile.getProject().getCompilerOptions().configFilePath === 'string') return true;
  return sourceFile.getProject().getFileSystem().fileExistsSync(path.join(sourceFile.getDirectoryPath(), 'package.json'));
}

/** The file's path from its tsconfig's folder; a loose file (or one outside that folder) keeps only its own folder. */
function projectRelativePath(sourceFile: SourceFile): string {
  const file = sourceFile.getFilePath();
  const config = sourceFile.getProject().getCompilerOptions().configFilePath;
  const relative = typeof config === 'string' ? path.relative(path.dirname(config), file) : '';
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative;
  return path.join(path.basename(path.dirname(file)), path.basename(file));
}

/** A NestJS startup or shutdown hook, or a migration's `up`/`down`: each runs once, not per request. */
export function isLifecycleHook(fn: FunctionLike): boolean {
  if (!Node.isMethodDeclaration(fn)) return false;
  const name = fn.getName();
  if (LIFECYCLE_HOOKS.has(name)) return true;
  if (name !== 'up' && name !== 'down') return false;
  const owner = fn.getParent();
  if (!Node.isClassDeclaration(owner) && !Node.isClassExpression(owner)) return false;
  return MIGRATION_CLASS.test(owner.getName() ?? '') || owner.getImplements().some((clause) => /Migration/.test(clause.getText()));
}

/**
 * Code that runs once, when the program starts or stops: a lifecycle hook, or the
 * `start()`, `init()`, `initialize()`, `bootstrap()` or `main()` of an application class.
 */
export function runsOnceAtStart(fn: FunctionLike): boolean {
  if (isLifecycleHook(fn)) return true;
  if (isModuleLevel(fn) && isUnderFolder(fn, LOADERS_FOLDER)) return true;
  if (!Node.isMethodDeclaration(fn) || !START_METHODS.has(fn.getName())) return false;
  const owner = fn.getParent();
  return (Node.isClassDeclaration(owner) || Node.isClassExpression(owner)) && APPLICATION_CLASS.test(owner.getName() ?? '');
}

/**
 * A module-level function of a file under `commands/`, exported or the default export:
 * when nothing in the project calls it, the command-line tool loads the module by its path
 * and runs it as the one command (`medusa db:migrate`). A function something calls is read
 * through its callers instead: an application's `commands/` may be run per request.
 */
export function isCommandModuleExport(fn: FunctionLike): boolean {
  if (!isUnderFolder(fn, COMMANDS_FOLDER)) return false;
  if (Node.isExportAssignment(fn.getParent())) return true;
  const statement = moduleStatementOf(fn);
  if (!statement) return false;
  return (
    statement.isExported() ||
    fn
      .getSourceFile()
      .getExportAssignments()
      .some((assignment) => isNameOf(assignment.getExpression(), fn))
  );
}

function isUnderFolder(fn: FunctionLike, folder: string): boolean {
  return projectRelativePath(fn.getSourceFile()).split(/[\\/]/).slice(0, -1).includes(folder);
}

/** A function declared at the module's level, or its default export. */
function isModuleLevel(fn: FunctionLike): boolean {
  return Node.isExportAssignment(fn.getParent()) || !!moduleStatementOf(fn);
}

/** The module-level statement that declares `fn`: `function f() {}` or `const f = () => {}`. */
function moduleStatementOf(fn: FunctionLike): (Node & { isExported(): boolean }) | undefined {
  const statement = Node.isFunctionDeclaration(fn)
    ? fn
    : Node.isVariableDeclaration(fn.getParent())
      ? fn.getFirstAncestorByKind(SyntaxKind.VariableStatement)
      : undefined;
  return statement && Node.isSourceFile(statement.getParent()) ? statement : undefined;
}

/** `export default main` for `const main = async function () {}`. */
function isNameOf(expression: Node, fn: FunctionLike): boolean {
  const declaration = Node.isVariableDeclaration(fn.getParent()) ? fn.getParent() : fn;
  return Node.isIdentifier(expression) && (expression.getSymbol()?.getDeclarations() ?? []).includes(declaration);
}

/**
 * Startup code: a function that runs only before the program serves anything. It is
 * called only from the module's top level (`main()`, `main().catch(...)`, an async
 * IIFE), from a lifecycle hook, from a callback in `whileNothingWaits` (a `listen`
 * callback), or from another function that is startup code itself, directly or through
 * an array method's callback. Only functions whose every use this file can see count:
 * module-level ones that are not exported, and private methods.
 */
export function runsOnlyAtStartup(fn: FunctionLike, whileNothingWaits: ReadonlySet<Node>, known = new Map<FunctionLike, boolean>()): boolean {
  const answer = known.get(fn);
  if (answer !== undefined) return answer;
  // A function that calls itself on the way is not startup code through that path.
  known.set(fn, false);
  const startup = startupOnly(fn, whileNothingWaits, known);
  known.set(fn, startup);
  return startup;
}

function startupOnly(fn: FunctionLike, whileNothingWaits: ReadonlySet<Node>, known: Map<FunctionLike, boolean>): boolean {
  const runner = immediateRunner(fn);
  if (runner) return runsInStartupCode(runner, whileNothingWaits, known);
  const nameNode = ownName(fn);
  if (!nameNode) return false;
  const symbol = nameNode.getSymbol();
  const named = identifiersNamed(nameNode.getSourceFile(), nameNode.getText()).filter((id) => id !== nameNode.compilerNode);
  // `export { main }` and `module.exports = { main }` hand it to other modules, under a symbol of their own.
  if (named.some((id) => ts.isExportSpecifier(id.parent) || ts.isShorthandPropertyAssignment(id.parent))) return false;
  const uses = named.map((id) => wrapperOf(nameNode, id)).filter((id) => id.getSymbol() === symbol);
  return (
    uses.length > 0 &&
    uses.every((use) => {
      const call = invocationOf(use);
      return !!call && runsInStartupCode(call, whileNothingWaits, known);
    })
  );
}

/** Whether a call is made by startup code: the module's top level, or a function that runs only at startup. */
function runsInStartupCode(call: Node, whileNothingWaits: ReadonlySet<Node>, known: Map<FunctionLike, boolean>): boolean {
  const caller = call.getFirstAncestor(isFunctionLike);
  if (!caller) return !assignsToModuleExports(call);
  return whileNothingWaits.has(caller) || isLifecycleHook(caller) || runsOnlyAtStartup(caller, whileNothingWaits, known);
}

/** The call that runs an inline function where it is written: an IIFE, or `files.map(async (f) => ...)`. */
function immediateRunner(fn: FunctionLike): Node | undefined {
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return undefined;
  const invocation = invocationOf(fn);
  if (invocation) return invocation;
  const parent = fn.getParent();
  if (!Node.isCallExpression(parent) || !parent.getArguments().includes(fn)) return undefined;
  const callee = parent.getExpression();
  return Node.isPropertyAccessExpression(callee) && ITERATING_METHODS.has(callee.getName()) ? parent : undefined;
}

/** The name every use of `fn` refers to, when all those uses are in this file. */
function ownName(fn: FunctionLike): Node | undefined {
  if (Node.isMethodDeclaration(fn)) {
    return fn.hasModifier(SyntaxKind.PrivateKeyword) ? fn.getNameNode() : undefined;
  }
  const parent = fn.getParent();
  const nameNode = Node.isFunctionDeclaration(fn) ? fn.getNameNode() : Node.isVariableDeclaration(parent) ? parent.getNameNode() : undefined;
  if (!nameNode || !Node.isIdentifier(nameNode)) return undefined;
  const statement = Node.isFunctionDeclaration(fn) ? fn : fn.getFirstAncestorByKind(SyntaxKind.VariableStatement);
  if (!statement || !Node.isSourceFile(statement.getParent()) || (Node.isExportable(statement) && statement.isExported())) return undefined;
  return nameNode;
}

/** The call that runs a name or a function (`x()`, `this.x()`, `(async () => {})()`), if that is what the use is. */
function invocationOf(use: Node): Node | undefined {
  let current = use;
  const parent = current.getParentOrThrow();
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === current) current = parent;
  while (Node.isParenthesizedExpression(current.getParentOrThrow())) current = current.getParentOrThrow();
  const call = current.getParent();
  return Node.isCallExpression(call) && call.getExpression() === current ? call : undefined;
}

/** `module.exports = main()` hands the result to other modules: not startup-only. */
function assignsToModuleExports(node: Node): boolean {
  const assignment = node.getFirstAncestorByKind(SyntaxKind.BinaryExpression);
  return !!assignment && assignment.getLeft().getText().startsWith('module.exports');
}
