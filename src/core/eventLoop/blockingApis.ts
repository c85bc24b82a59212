// Calls that hold the event loop until they return: Node's synchronous file system,
// child process, crypto and zlib APIs, `Atomics.wait`, and whatever the user lists in
// `kitchenSync.blockingCall.extraFunctions`. A call is recognised by its import source
// first (workspaces often lack @types/node) and by the type checker's declaration second,
// which also sees through re-exports, aliases and `fs` objects passed around.
import { Node, SyntaxKind, type CallExpression, type Expression } from 'ts-morph';
import { resolveCallee } from '../importedNames';

/** `io`: the thread waits for the disk, a child process or another thread. `cpu`: it computes. */
type WorkBound = 'io' | 'cpu';

/** The non-blocking call with the same result, which the quick fix switches to. */
export type PromiseAlternative =
  /** `fs.promises.<name>`, or `<name>` imported from `fs/promises`. */
  | { kind: 'fs-promises'; name: string }
  /** `promisify(<module>.<name>)`; `resultType` casts a result promisify cannot type (TS only). */
  | { kind: 'promisify'; module: 'crypto' | 'zlib'; name: string; resultType?: string };

export interface BlockingApi {
  /** Module without `node:` (`fs`), or `extra` for a user-listed function. */
  module: string;
  /** Member path in that module: `readFileSync`, `promises.readFile`. */
  name: string;
  bound: WorkBound;
  alternative?: PromiseAlternative;
  /** The asynchronous API to name on the card when there is no drop-in replacement. */
  advice?: string;
  /** False when only the name says it blocks (no import or type confirms it): experimental. */
  certain: boolean;
}

// Every `fs.*Sync` blocks; these have a promise counterpart with the same arguments and result.
const FS_PROMISE_NAMES: Record<string, string> = {
  readFileSync: 'readFile',
  writeFileSync: 'writeFile',
  appendFileSync: 'appendFile',
  readdirSync: 'readdir',
  statSync: 'stat',
  lstatSync: 'lstat',
  mkdirSync: 'mkdir',
  mkdtempSync: 'mkdtemp',
  rmSync: 'rm',
  rmdirSync: 'rmdir',
  unlinkSync: 'unlink',
  renameSync: 'rename',
  copyFileSync: 'copyFile',
  cpSync: 'cp',
  accessSync: 'access',
  realpathSync: 'realpath',
  readlinkSync: 'readlink',
  symlinkSync: 'symlink',
  linkSync: 'link',
  chmodSync: 'chmod',
  chownSync: 'chown',
  lchownSync: 'lchown',
  utimesSync: 'utimes',
  lutimesSync: 'lutimes',
  truncateSync: 'truncate',
  opendirSync: 'opendir',
};

const FS_ADVICE: Record<string, string> = {
  existsSync: 'fs.promises.access',
  openSync: 'fs.promises.open',
  readSync: 'fs.promises.open',
  writeSync: 'fs.promises.open',
  fstatSync: 'fs.promises.open',
};

const CHILD_PROCESS_SYNC = new Set(['execSync', 'execFileSync', 'spawnSync']);

const CRYPTO_SYNC: Record<string, Omit<BlockingApi, 'module' | 'name' | 'certain'>> = {
  pbkdf2Sync: { bound: 'cpu', alternative: { kind: 'promisify', module: 'crypto', name: 'pbkdf2' } },
  // promisify picks scrypt's last overload, whose result it cannot type: the cast restores Buffer.
  scryptSync: { bound: 'cpu', alternative: { kind: 'promisify', module: 'crypto', name: 'scrypt', resultType: 'Buffer' } },
  generateKeyPairSync: { bound: 'cpu', alternative: { kind: 'promisify', module: 'crypto', name: 'generateKeyPair' } },
  generatePrimeSync: { bound: 'cpu', advice: 'promisify(crypto.generatePrime)' },
  checkPrimeSync: { bound: 'cpu', advice: 'promisify(crypto.checkPrime)' },
};

const ZLIB_SYNC = new Set([
  'gzipSync',
  'gunzipSync',
  'deflateSync',
  'inflateSync',
  'deflateRawSync',
  'inflateRawSync',
  'unzipSync',
  'brotliCompressSync',
  'brotliDecompressSync',
]);

/**
 * Calls on one path that ask the file system a question or change an entry, without
 * reading or writing contents: microseconds on a local disk, `existsSync` included
 * (`pathExistsSync` is fs-extra's name for it).
 */
const CHEAP_METADATA = new Set([
  'existsSync',
  'pathExistsSync',
  'statSync',
  'lstatSync',
  'accessSync',
  'openSync',
  'closeSync',
  'mkdirSync',
  'unlinkSync',
  'rmdirSync',
  'chmodSync',
  'realpathSync',
]);

/** `randomFillSync` is quick for a few bytes; from this size on it is real work. */
const LARGE_RANDOM_FILL_BYTES = 1024 * 1024;

/** Names that, on an object of unknown origin, are almost always Node's blocking APIs. */
const WELL_KNOWN_SYNC_NAMES = new Set([...Object.keys(FS_PROMISE_NAMES), ...CHILD_PROCESS_SYNC, ...Object.keys(CRYPTO_SYNC), ...ZLIB_SYNC]);

/**
 * The blocking API a call is, if it is one. `extraFunctions` entries are `module#path`
 * (`better-sqlite3#Database.prepare`, matched through imports and types) or a callee as
 * written (`deasync`, `db.querySync`).
 */
export function blockingApiOf(call: CallExpression, extraFunctions: readonly string[]): BlockingApi | undefined {
  const callee = call.getExpression();
  const byImport = resolveCallee(callee);
  for (const known of [byImport, mayBeAliased(callee, extraFunctions) ? declaredCallee(call) : undefined]) {
    if (!known) continue;
    const api = knownApi(known.module, known.path, call);
    if (api) return api;
    if (extraFunctions.includes(`${known.module}#${known.path}`)) return { module: 'extra', name: `${known.module}#${known.path}`, bound: 'io', certain: true };
  }
  const written = dottedText(callee);
  if (written && extraFunctions.some((extra) => !extra.includes('#') && (written === extra || written.endsWith(`.${extra}`)))) {
    return { module: 'extra', name: written, bound: 'io', certain: true };
  }
  if (isGlobalAtomicsWait(callee)) return { module: 'Atomics', name: 'wait', bound: 'io', advice: 'Atomics.waitAsync', certain: true };
  return byImport ? likelyThirdPartySync(byImport) : likelyByName(callee);
}

function knownApi(module: string, path: string, call: CallExpression): BlockingApi | undefined {
  if (module === 'fs' || module === 'fs-extra') {
    if (!path.endsWith('Sync') || path.includes('.')) return undefined;
    const promiseName = FS_PROMISE_NAMES[path];
    const alternative = module === 'fs' && promiseName && !usesSyncOnlyOption(call) ? { kind: 'fs-promises' as const, name: promiseName } : undefined;
    const advice = promiseName ? `fs.promises.${promiseName}` : FS_ADVICE[path];
    return { module, name: path, bound: 'io', alternative, advice, certain: true };
  }
  if (module === 'child_process' && CHILD_PROCESS_SYNC.has(path)) {
    // `spawn` reports through events, not a callback: there is nothing to promisify.
    const advice = path === 'spawnSync' ? undefined : `promisify(child_process.${path.replace(/Sync$/, '')})`;
    return { module, name: path, bound: 'io', advice, certain: true };
  }
  if (module === 'crypto') {
    const entry = CRYPTO_SYNC[path];
    if (entry) return { module, name: path, ...entry, advice: entry.advice ?? `promisify(crypto.${path.replace(/Sync$/, '')})`, certain: true };
    if (path === 'randomFillSync' && fillsLargeBuffer(call)) return { module, name: path, bound: 'cpu', advice: 'promisify(crypto.randomFill)', certain: true };
    return undefined;
  }
  if (module === 'zlib' && ZLIB_SYNC.has(path)) {
    const name = path.replace(/Sync$/, '');
    return { module, name: path, bound: 'cpu', alternative: { kind: 'promisify', module: 'zlib', name }, advice: `promisify(zlib.${name})`, certain: true };
  }
  return undefined;
}

/** A cheap metadata call (`CHEAP_METADATA`) of the file system; `rmdirSync(p, { recursive: true })` empties a whole tree. */
export function isCheapMetadataCall(api: BlockingApi, call: Node): boolean {
  if ((api.module !== 'fs' && api.module !== 'fs-extra') || !CHEAP_METADATA.has(api.name)) return false;
  return !(
    api.name === 'rmdirSync' &&
    Node.isCallExpression(call) &&
    call.getArguments().some((arg) => Node.isObjectLiteralExpression(arg) && !!arg.getProperty('recursive'))
  );
}

/** `statSync(p, { throwIfNoEntry: false })` has no promise counterpart: `stat` always throws. */
function usesSyncOnlyOption(call: CallExpression): boolean {
  return call.getArguments().some((arg) => Node.isObjectLiteralExpression(arg) && !!arg.getProperty('throwIfNoEntry'));
}

function fillsLargeBuffer(call: CallExpression): boolean {
  const [target] = call.getArguments();
  if (!target || !(Node.isCallExpression(target) || Node.isNewExpression(target))) return false;
  const [size] = target.getArguments() ?? [];
  return !!size && Node.isNumericLiteral(size) && size.getLiteralValue() >= LARGE_RANDOM_FILL_BYTES;
}

/**
 * Whether asking the checker could tell more than the name: a plain name (it may be a
 * re-export under another name), or a method whose name says it may block. Calls like
 * `rows.map(...)` or `this.render()` are never Node's blocking APIs, and resolving their
 * symbols is most of the cost.
 */
function mayBeAliased(callee: Expression, extraFunctions: readonly string[]): boolean {
  if (Node.isIdentifier(callee)) return true;
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const name = callee.getName();
  return /Sync$/.test(name) || extraFunctions.some((extra) => extra.endsWith(name));
}

/**
 * The module and name of the declaration the callee's symbol resolves to, through
 * imports and re-exports, when it is declared inside `declare module "fs"` (or any other
 * ambient module) in a .d.ts file. The symbol is enough: resolving the call's signature
 * would cost the checker far more and tell nothing more.
 */
function declaredCallee(call: CallExpression): { module: string; path: string } | undefined {
  const callee = call.getExpression();
  const named = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  let symbol = named.getSymbol();
  for (let depth = 0; symbol?.isAlias() && depth < 8; depth++) symbol = symbol.getAliasedSymbol();
  const declaration = symbol?.getDeclarations()[0];
  if (!declaration || !declaration.getSourceFile().isDeclarationFile() || !Node.isFunctionDeclaration(declaration)) return undefined;
  const name = declaration.getName();
  const moduleName = declaration.getFirstAncestorByKind(SyntaxKind.ModuleDeclaration)?.getNameNode();
  if (!name || !moduleName || !Node.isStringLiteral(moduleName)) return undefined;
  return { module: moduleName.getLiteralValue().replace(/^node:/, ''), path: name };
}

function isGlobalAtomicsWait(callee: Expression): boolean {
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'wait') return false;
  const target = callee.getExpression();
  if (!Node.isIdentifier(target) || target.getText() !== 'Atomics') return false;
  const declarations = target.getSymbol()?.getDeclarations() ?? [];
  return declarations.every((d) => d.getSourceFile().isDeclarationFile());
}

/**
 * `validateSync` (class-validator, yup), `isValidSync`: the synchronous variant of a check
 * on an object in memory. The asynchronous one exists for async validators, not to leave
 * the event loop: the sync call does no I/O. React's `flushSync` commits one render now
 * instead of batching it: it is the UI's own work, not a wait.
 */
const IN_MEMORY_SYNC = /^((validate|isValid|validateOrReject)\w*Sync|flushSync)$/;

/** `globSync`, `execa.sync`, `fse.readJsonSync`: a package's synchronous variant, by its name only. */
function likelyThirdPartySync(known: { module: string; path: string }): BlockingApi | undefined {
  const last = known.path.split('.').pop() ?? '';
  if (known.module.startsWith('.') || !(last === 'sync' || /[a-z]Sync$/.test(last)) || IN_MEMORY_SYNC.test(last)) return undefined;
  return { module: known.module, name: known.path, bound: 'io', certain: false };
}

/** `files.readFileSync(p)` on something neither an import nor a type explains. */
function likelyByName(callee: Expression): BlockingApi | undefined {
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.getName();
  if (!WELL_KNOWN_SYNC_NAMES.has(name)) return undefined;
  const receiverType = callee.getExpression().getType();
  if (!receiverType.isAny() && !receiverType.isUnknown()) return undefined;
  const bound: WorkBound = name in CRYPTO_SYNC || ZLIB_SYNC.has(name) ? 'cpu' : 'io';
  return { module: 'unknown', name, bound, certain: false };
}

/** `a.b.c` for a chain of identifiers and property names, else undefined. */
function dottedText(expression: Expression): string | undefined {
  if (Node.isIdentifier(expression)) return expression.getText();
  if (Node.isPropertyAccessExpression(expression)) {
    const left = dottedText(expression.getExpression());
    return left ? `${left}.${expression.getName()}` : undefined;
  }
  return undefined;
}
