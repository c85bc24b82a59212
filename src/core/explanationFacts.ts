// The facts a card needs about one finding, in the user's own names.
// One member per card; `src/explain/` renders each in English and Japanese.

export interface SequentialAwaitFacts {
  card: 'sequential-await';
  /** Source text of the awaited call that could have started earlier. */
  later: string;
  /** Source text of the await it currently waits behind. */
  earlier: string;
  /** All calls of the group, in source order. */
  group: string[];
  /** Function the awaits sit in, when it has a name. */
  functionName?: string;
  /** What the quick fix's statement assigns before `await Promise.all([`: `const [user, settings] = `. */
  assigns?: string;
}

export interface AwaitInLoopFacts {
  card: 'await-in-loop';
  /** Source text of the awaited call inside the loop. */
  call: string;
  /** What the loop runs over, in the user's names (`ids`, `rows.length`). */
  iterable: string;
  /** Expression for the iteration count (`ids.length`), when one can be named. */
  count?: string;
  /** True when the count comes from input that has no obvious upper bound. */
  unbounded: boolean;
  /** Set when the items come from request input, so whoever sends the request decides how many there are. */
  fromRequest?: true;
  /** The package's concurrency limiter that the fix calls (`pLimit`), when it offers that fix. */
  limiter?: string;
}

export interface SuppressionFacts {
  card: 'suppression';
  directive: string;
}

/** `blocking-loop` and `blocking-call`: work that holds the event loop (the cook stuck chopping). */
export interface BlockingWorkFacts {
  card: 'blocking-work';
  /** What holds the event loop. */
  kind: 'loop' | 'endless-loop' | 'busy-wait' | 'recursion' | 'blocking-call';
  /** Where it runs while other work waits, as code: `app.get('/hull', …)`, `handleHull()`, `setInterval(…)`. */
  entry: string;
  entryKind: 'async-function' | 'server' | 'route' | 'listener' | 'timer' | 'promise-callback' | 'message-handler' | 'io-callback';
  /** The heavy code as written: `for (const a of pts)`, `fs.readFileSync(file, 'utf8')`, `fib`. */
  heavy: string;
  /** The calls from the entry down to the heavy code, outermost first: `buildReport(rows)`. */
  chain: string[];
  /** Loops and recursion: about how many steps, with what each letter stands for in the user's code. */
  estimate?: {
    steps: string;
    /** `passes`: the letter counts the passes of a loop whose bound cannot be read; `expression` is its header. `request`: a client sets the size (request or message data). */
    variables: Array<{ symbol: string; expression: string; origin?: string; request?: boolean; passes?: boolean }>;
  };
  /** `io`: the thread waits (disk, child process, another thread); `cpu`: it computes. Decides the advice. */
  bound: 'io' | 'cpu';
  /** The non-blocking API to use instead, as code: `fs.promises.readFile`. */
  alternative?: string;
  /** The function the "Move to a worker thread" fix runs on a worker, when it is offered. */
  workerFunction?: string;
  /** A search of a fresh copy of a collection on every pass, as code: `Array.from(map.values()).includes(filePath)`. */
  copiedSearch?: string;
  /**
   * Loops: an inner loop walks a collection (`rows.find(…)`, `for (const r of rows)`), often a
   * lookup that an index built once would answer. Without it the loop computes (trial
   * division, a counted loop over numbers) and the advice is a worker or smaller pieces.
   */
  innerSearch?: true;
}

/** `lock-order`: locks taken in orders that can deadlock (the carrot cutter and the dishwasher). */
export interface LockOrderFacts {
  card: 'lock-order';
  /** `cycle`: the locks form a cycle; `same-class`: two locks of one class in no defined order. */
  kind: 'cycle' | 'same-class';
  /** The locks around the cycle, the one held here first (`ledgerLock`, `auditLock`); for `same-class`, the two as written (`from.lock`, `to.lock`). */
  locks: string[];
  /** One task per edge of the cycle, this finding's first; for `same-class`, the one function called twice with the objects swapped. */
  tasks: LockTask[];
  /** `same-class`: the class both locks belong to (`Account.lock`). */
  lockClass?: string;
  /** The order the quick fix takes the locks in, when it offers one. */
  fixedOrder?: string[];
}

export interface LockTask {
  /** The function the task runs: `transfer`. */
  function: string;
  /** The lock it holds, and the one it then waits for. */
  holds: string;
  waitsFor: string;
  /** The calls between `function` and the place it waits: `writeAudit`. Empty when it waits right there. */
  through: string[];
}

/** `lock-reentry`: a lock taken again while it is held, a cook waiting for the board in their own hands. */
export interface LockReentryFacts {
  card: 'lock-reentry';
  lock: string;
  function: string;
  /** The calls down to the second acquisition; empty when it is in `function` itself. */
  through: string[];
  lockKind: 'mutex' | 'semaphore' | 'web-lock' | 'custom';
  /** `withTimeout`: the wait ends in a timeout error instead of lasting forever. */
  timeout: boolean;
}

/** `lock-leak`: an acquisition whose release some path skips, a cook who leaves with the board in hand. */
export interface LockLeakFacts {
  card: 'lock-leak';
  lock: string;
  reason: 'exception' | 'throw' | 'early-exit' | 'some-paths' | 'never';
  /** The code that skips the release: the call that can throw, or the `return`, `throw` or `break`. */
  culprit?: string;
  /** How the code gives the lock back: `release()`, `this.lock.release()`. */
  release?: string;
  function: string;
  /** The lock has `runExclusive` (async-mutex), which the card can suggest. */
  runExclusive: boolean;
}

/** `race-lost-update`: shared state read before an await and written after it from what was read (two dishes in one frying pan). */
export interface RaceLostUpdateFacts {
  card: 'race-lost-update';
  /** The state as written: `this.balance`, `count`. */
  state: string;
  /** Where the value is read: `const current = this.balance`, or the update itself (`this.spent += await priceOf(sku)`). */
  read: string;
  /** The awaited expression the read waits across: `audit()`. */
  awaited: string;
  /** The write of the stale value: `this.balance = current - amount`. */
  write: string;
  /** The function two calls of which interleave. */
  function: string;
  /** How the write changes the value read, for the example numbers: `add` (`+=`, `x + d`), `subtract`, or `other`. */
  change: 'add' | 'subtract' | 'other';
  /** The call clears, after the await, a value it set before it (`read` is then that set): it may clear another call's. */
  reset?: true;
  /** The lock the code already takes that the quick fix holds from the read to the write: `this.lock`, `mutex`. */
  heldLock?: string;
}

/** `race-check-then-act`: a test of shared state, an await, then the act the test guarded (two cooks both find the pan free). */
export interface RaceCheckThenActFacts {
  card: 'race-check-then-act';
  /** `cache`: a map entry loaded when missing; `lazy-init`: a slot filled when empty; `file`: a path tested, then written or removed. */
  kind: 'cache' | 'lazy-init' | 'file';
  /** `lazy-init`: what is stored is a resource the awaited call opened (a connection, a client), so the one replaced stays open. */
  resource?: true;
  /** What is tested and acted on, as written: `cache`, `this.client`, or the path (`p`). */
  state: string;
  /** `cache`: the key as written (`k`). */
  key?: string;
  /** The test as written: `cache.has(k)`, `this.client`, `exists(p)`. */
  check: string;
  /** The awaited expression between the test and the act: `load(k)`. */
  awaited: string;
  /** The act: `cache.set(k, v)`, `this.client = await createClient()`, `writeFile(p, data)`. */
  act: string;
  /** The function two calls of which interleave. */
  function: string;
  /** The lock the code already takes that the quick fix holds from the test to the act: `this.lock`, `mutex`. */
  heldLock?: string;
}

export type ExplanationFacts =
  | SequentialAwaitFacts
  | AwaitInLoopFacts
  | SuppressionFacts
  | BlockingWorkFacts
  | LockOrderFacts
  | LockReentryFacts
  | LockLeakFacts
  | RaceLostUpdateFacts
  | RaceCheckThenActFacts;
