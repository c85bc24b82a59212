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
}

export interface SuppressionFacts {
  card: 'suppression';
  directive: string;
}

export type ExplanationFacts = SequentialAwaitFacts | AwaitInLoopFacts | SuppressionFacts;
