// The analyzer's caches, keyed by what their answers depend on, so that none is ever
// cleared by hand. Every cache is weak: an entry goes when one of its keys does.
//
// - `WeakCache`: the answer depends on its key alone. The key is the compiler's node of one
//   file (its `SourceFile`, a function) for an answer read from that file's text, the
//   `ts.Program` for a fact about the whole program, or a value built once and never
//   changed (a lock graph). An edit replaces the edited file's compiler nodes, leaves the
//   other files' in place, and makes a new program.
// - `ProgramCache`: the answer also reads other files: a callee's body, an import, a type.
//   In the editor an edit to another file leaves this file's nodes in place but makes a new
//   `ts.Program`, so the program is the first key.
// - `PerSettings`: either of them once per settings object, for answers that also depend on
//   the settings (a configured lock helper). A settings change makes a new object, and files
//   with the same configuration layers share one (`test/core/settingsFlip.test.ts`).
import type { ts } from 'ts-morph';

export class WeakCache<K extends object, V> {
  private readonly entries = new WeakMap<K, V>();

  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.set(key, value);
  }

  get(key: K, compute: (key: K) => V): V {
    if (this.entries.has(key)) return this.entries.get(key) as V;
    const value = compute(key);
    this.entries.set(key, value);
    return value;
  }
}

export class ProgramCache<K extends object, V> {
  private readonly byProgram = new WeakMap<ts.Program, WeakCache<K, V>>();

  /** The entries computed for `program`. */
  in(program: ts.Program): WeakCache<K, V> {
    let entries = this.byProgram.get(program);
    if (!entries) {
      entries = new WeakCache();
      this.byProgram.set(program, entries);
    }
    return entries;
  }

  get(program: ts.Program, key: K, compute: (key: K) => V): V {
    return this.in(program).get(key, compute);
  }
}

export class PerSettings<C> {
  private readonly caches = new WeakMap<object, C>();

  constructor(private readonly create: () => C) {}

  /** The cache for one settings object (`AnalyzerSettings`, or a part of it such as `locks`). */
  for(settings: object): C {
    let cache = this.caches.get(settings);
    if (cache === undefined) {
      cache = this.create();
      this.caches.set(settings, cache);
    }
    return cache;
  }
}
