// The file-system calls a check-then-act is made of: a test of whether a path is there
// (`exists`, `pathExists`, `stat`, `access`) and a call that creates, opens or removes it.
// Recognised by import source (fs, fs/promises, fs-extra), as half-installed workspaces
// have no types to resolve; a project's own `exists(p)` helper counts as a test by its name,
// since the act beside it must still be a real fs call on the same path.
import { Node, type CallExpression } from 'ts-morph';
import { resolveCallee } from '../importedNames';

const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra']);
const TESTS = new Set(['exists', 'pathExists', 'access', 'stat', 'lstat']);
/** Names of a project's own helpers that answer whether a path exists. */
const TEST_HELPER_NAMES = new Set(['exists', 'pathExists', 'fileExists', 'dirExists', 'directoryExists']);
/** Calls that fail or clobber when another call created or removed the path first. */
const ACTS = new Set(['writeFile', 'open', 'unlink', 'rm', 'rmdir', 'mkdir', 'rename', 'outputFile', 'writeJson', 'writeJSON', 'outputJson', 'outputJSON']);

export interface FileSystemCall {
  call: CallExpression;
  /** `writeFile`, `promises.writeFile`, `writeFileSync`: the member path the import resolves to. */
  name: string;
  /** The module it comes from; undefined for a project's own `exists` helper. */
  module?: string;
  /** The first argument: the path. */
  path: Node;
}

/** `await exists(p)`, `fs.promises.stat(p)`, `pathExists(p)` from fs-extra, or the project's `fileExists(p)`. */
export function pathTestOf(node: Node): FileSystemCall | undefined {
  const call = unwrapped(node);
  if (!Node.isCallExpression(call)) return undefined;
  const known = fsCall(call);
  if (known && TESTS.has(baseName(known.name))) return known;
  const callee = call.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : '';
  const [path] = call.getArguments();
  return !known && TEST_HELPER_NAMES.has(name) && path ? { call, name, path } : undefined;
}

/** `writeFile(p, data)`, `fs.promises.unlink(p)`, `mkdirSync(p)`: a call that needs the path as the test left it. */
export function pathActOf(node: Node): FileSystemCall | undefined {
  if (!Node.isCallExpression(node)) return undefined;
  const known = fsCall(node);
  if (!known || !ACTS.has(baseName(known.name))) return undefined;
  // `mkdir(p, { recursive: true })` succeeds whether or not the directory is there.
  if (baseName(known.name) === 'mkdir' && node.getArguments().some((arg) => Node.isObjectLiteralExpression(arg) && !!arg.getProperty('recursive')))
    return undefined;
  return known;
}

/** `writeFile` for `promises.writeFile` and `writeFileSync`. */
export function baseName(name: string): string {
  return name.replace(/^promises\./, '').replace(/Sync$/, '');
}

function fsCall(call: CallExpression): FileSystemCall | undefined {
  const resolved = resolveCallee(call.getExpression());
  const [path] = call.getArguments();
  if (!resolved || !FS_MODULES.has(resolved.module) || !path) return undefined;
  return { call, name: resolved.path, module: resolved.module, path };
}

/** `await stat(p).catch(() => undefined)` → `stat(p)`. */
function unwrapped(node: Node): Node {
  for (let current = node; ; ) {
    const callee = Node.isCallExpression(current) ? current.getExpression() : undefined;
    if (Node.isAwaitExpression(current) || Node.isParenthesizedExpression(current)) current = current.getExpression();
    else if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'catch') current = callee.getExpression();
    else return current;
  }
}
