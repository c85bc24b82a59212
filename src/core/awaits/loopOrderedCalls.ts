// Calls in a loop body that make the order of the passes part of the program's meaning,
// even when no variable carries a value from one pass to the next:
// - pacing (a prompt a person answers included, in a project function a few calls down
//   too), locks and transactions, as
//   `callEffects` names them, or a loop that runs while a lock is held or a transaction
//   is open (in a local helper called only there, too), or whose calls hand on a request
//   context the program runs transactions on;
// - one stateful receiver: bytes written to one stream or socket, statements sent on one
//   connection, clicks on one browser page arrive in the order they were issued, and
//   each read from one queue or reader takes what the last one left; and the receivers,
//   queues and questions `loopOneAtATime` names;
// - events published on a bus or emitter, which subscribers see in the order they went out;
// - one resource: every pass writes the same thing (the same file, key or object), or
//   reads something the loop also writes, so a pass sees what the previous one left.
import { Node, type CallExpression } from 'ts-morph';
import type { AnalyzerSettings } from '../settings';
import { descendants } from '../syntaxDescendants';
import { calledOnlyInOrderedSections } from './calledOnlyInOrderedSections';
import { calleeInteracts } from './calleeInteracts';
import { callEffects, sameReceiver, sharesResource, type CallEffects } from './callEffects';
import { opensInEditor } from './editorUi';
import { publishesEvent } from './eventPublishing';
import { asksTheUser, isOneAtATimeReceiver, onTransactionFunction, passesStatefulObject, throughOneAtATimeQueue } from './loopOneAtATime';
import { variesPerPass } from './loopPassScope';
import type { LoopShape } from './loopShape';
import { runsInOrderedSection } from './orderedSections';
import { transactionContextArguments } from './transactionContexts';

export interface OrderedCall {
  call?: CallExpression;
  reason: 'pacing' | 'lock' | 'transaction' | 'ordered-section' | 'stateful-receiver' | 'same-resource' | 'serial-queue' | 'editor-tabs' | 'event-order';
}

/** Methods that put bytes or messages onto one ordered channel. */
const STREAM_METHODS = new Set(['write', 'writeln', 'writev', 'end', 'flush', 'pipe', 'cork', 'uncork']);
const MESSAGE_METHODS = new Set(['send', 'sendMessage', 'postMessage', 'publish', 'sendText', 'sendBinary']);
const CHANNEL_NAMES = /(socket|^ws$|channel|port|stream|peer|connection|^conn$|producer)$/i;
const CHANNEL_TYPES = /(Socket|Channel|MessagePort|Stream|Connection|Producer)$/;
/** One connection runs its statements one at a time, in the order they were sent. */
const QUERY_METHODS = new Set(['query', 'execute', 'exec', 'run', 'none', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any']);
const CONNECTION_NAMES = /^(client|conn|connection)$/i;
const CONNECTION_TYPES = /(PoolClient|^Client|Connection)$/;
/** A browser page or a driver does one thing at a time, whatever the method. */
const INTERACTIVE_NAMES = /^(page|browser|driver|frame|tab|locator|element)$/i;
const INTERACTIVE_TYPES = /^(Page|Frame|Browser|BrowserContext|WebDriver|ElementHandle|Locator)$/;
const COLLECTOR_METHODS = new Set(['push', 'unshift', 'set', 'add']);
const COLLECTION_TYPES = new Set(['Map', 'Set', 'WeakMap', 'WeakSet']);
/** Writing a log line changes nothing a later pass reads. */
const LOGGING_RECEIVERS = /^(console|(this\.)?_?(log|logger))$/i;

interface Site {
  call: CallExpression;
  effects: CallEffects;
  /** The called name: `appendFile` in `appendFile(p)` and in `fs.appendFile(p)`. */
  name: string;
  /** Set when the callee is a member access (`stream.write`). */
  method?: string;
  callee: Node;
}

/** The first reason the loop's passes must keep their order, if any. */
export function orderedCall(shape: LoopShape, settings: AnalyzerSettings): OrderedCall | undefined {
  const sites: Site[] = [shape.body, ...shape.repeatedHead]
    .flatMap((region) => [region, ...descendants(region)])
    .filter(Node.isCallExpression)
    .map((call) => {
      const callee = call.getExpression();
      const method = Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
      return { call, effects: callEffects(call, settings), name: method ?? callee.getText(), method, callee };
    });
  for (const site of sites) {
    if (site.effects.role) return { call: site.call, reason: site.effects.role };
    if (asksTheUser(site.call) || calleeInteracts(site.call)) return { call: site.call, reason: 'pacing' };
    if (opensInEditor(site.call)) return { call: site.call, reason: 'editor-tabs' };
    if (publishesEvent(site.call)) return { call: site.call, reason: 'event-order' };
    if (Node.isPropertyAccessExpression(site.callee) && onTransactionFunction(site.callee.getExpression())) return { call: site.call, reason: 'transaction' };
    if (throughOneAtATimeQueue(site.call)) return { call: site.call, reason: 'serial-queue' };
    if (onStatefulReceiver(site, shape) || passesStatefulObject(site.call, shape)) return { call: site.call, reason: 'stateful-receiver' };
  }
  if (runsInOrderedSection(shape.loop, settings) || calledOnlyInOrderedSections(shape.loop, settings)) return { reason: 'ordered-section' };
  // A context the pass made itself has no transaction of the request's.
  const handsTransaction = sites.find((site) => transactionContextArguments(site.call).some((a) => !variesPerPass(a, shape)));
  if (handsTransaction) return { call: handsTransaction.call, reason: 'transaction' };
  return sameResource(sites, shape);
}

function onStatefulReceiver(site: Site, shape: LoopShape): boolean {
  const { method, callee } = site;
  if (!method || !Node.isPropertyAccessExpression(callee)) return false;
  const receiver = callee.getExpression();
  // A stream or connection the pass opened itself is the pass's own business.
  if (variesPerPass(receiver, shape)) return false;
  const name = Node.isPropertyAccessExpression(receiver) ? receiver.getName() : receiver.getText();
  const type = typeName(receiver);
  if (site.effects.kind === 'consume' || INTERACTIVE_NAMES.test(name) || INTERACTIVE_TYPES.test(type)) return true;
  if (isOneAtATimeReceiver(receiver, method)) return true;
  if (STREAM_METHODS.has(method)) return true;
  if (MESSAGE_METHODS.has(method)) return CHANNEL_NAMES.test(name) || CHANNEL_TYPES.test(type);
  if (QUERY_METHODS.has(method)) return CONNECTION_NAMES.test(name) || CONNECTION_TYPES.test(type);
  return false;
}

function typeName(node: Node): string {
  const type = node.getType();
  return (type.getSymbol() ?? type.getAliasSymbol())?.getName() ?? '';
}

/** Writes whose first argument names what they write to: a path, a key, a record. */
const KEYED_WRITES = new Set([
  'writeFile',
  'appendFile',
  'truncate',
  'rm',
  'unlink',
  'rename',
  'copyFile',
  'mkdir',
  'rmdir',
  'set',
  'setItem',
  'put',
  'putItem',
  'append',
  'upsert',
  'update',
  'updateOne',
  'save',
  'del',
  'delete',
  'incr',
  'incrBy',
  'decr',
  'lpush',
  'rpush',
]);

/**
 * Where an extension or an app keeps its settings and state (`this.storage`,
 * `context.globalState`, `configuration`): one record, often written back whole, where
 * the last writer wins whatever key each pass names.
 */
const STATE_STORES = /^(globalState|workspaceState|memento|configuration|config|settings|preferences|prefs|localStorage|sessionStorage)$/i;
/** A plain `storage` may hold files (`storage.remove(path)`); these methods are a key-value store's. */
const STORAGE_STATE_METHODS = /^(store\w*|update|setItem|removeItem)$/;

function writesStateStore(receiver: Node, method: string): boolean {
  const name = Node.isPropertyAccessExpression(receiver) ? receiver.getName() : receiver.getText();
  return STATE_STORES.test(name) || (name === 'storage' && STORAGE_STATE_METHODS.test(method));
}

function varies(node: Node | undefined, shape: LoopShape): boolean {
  return !!node && variesPerPass(node, shape);
}

/**
 * A pass makes the same change as the one before: nothing in the call changes between
 * passes, a keyed write (`writeFile`, `set`, `append`) goes to the same path or key, or
 * the write goes to a settings or state store.
 */
function changesSameThing(site: Site, shape: LoopShape): boolean {
  if (varies(site.effects.receiver, shape)) return false;
  if (site.effects.receiver && writesStateStore(site.effects.receiver, site.name)) return true;
  const args = site.call.getArguments();
  if (!args.some((a) => varies(a, shape))) return true;
  return KEYED_WRITES.has(site.name) && !varies(args[0], shape);
}

/** A read of the same path or key on every pass. */
function readsSameThing(site: Site, shape: LoopShape): boolean {
  return !varies(site.effects.receiver, shape) && !varies(site.call.getArguments()[0], shape);
}

/** `db.insert(t)` in `db.insert(t).values(row)`: the chain as a whole is the call that counts. */
function isInnerLinkOfChain(call: CallExpression): boolean {
  const parent = call.getParent();
  return Node.isPropertyAccessExpression(parent) && Node.isCallExpression(parent.getParent());
}

function sameResource(sites: Site[], shape: LoopShape): OrderedCall | undefined {
  const whole = sites.filter((s) => !isInnerLinkOfChain(s.call));
  const changes = whole.filter((s) => (s.effects.kind === 'write' || s.effects.kind === 'consume') && !isLogging(s) && !addsToCollection(s));
  const repeated = changes.find((s) => changesSameThing(s, shape));
  if (repeated) return { call: repeated.call, reason: 'same-resource' };
  const readBack = whole.find(
    (r) =>
      r.effects.kind === 'read' && readsSameThing(r, shape) && changes.some((w) => sameReceiver(r.effects, w.effects) || sharesResource(r.effects, w.effects)),
  );
  return readBack ? { call: readBack.call, reason: 'same-resource' } : undefined;
}

/**
 * `out.push(x)`, `byId.set(k, x)` on an in-memory array, map or set: the loop's own
 * collector, which `loopCarriedState` already checks for being read back.
 */
function addsToCollection(site: Site): boolean {
  const { callee, method } = site;
  if (!method || !COLLECTOR_METHODS.has(method) || !Node.isPropertyAccessExpression(callee)) return false;
  const type = callee.getExpression().getType();
  return type.isArray() || COLLECTION_TYPES.has(type.getSymbol()?.getName() ?? '');
}

function isLogging(site: Site): boolean {
  const { callee } = site;
  return Node.isPropertyAccessExpression(callee) && LOGGING_RECEIVERS.test(callee.getExpression().getText());
}
