// How much work a loop does, in the user's own names. A loop is a level: a constant
// count (`i < 1e6`), a size that comes from data (`pts.length`), or a bound the model
// cannot read. Nested levels multiply. The same stored or sent data walked inside itself
// (n²), a size a client sets against another input, or a constant product of at least
// `minIterations` make a loop heavy; small, bounded loops never are. `loopBounds.ts` reads the levels, `dataSizes.ts` names the sizes.
import type { SizeFactor } from './dataSizes';

/** The work of a region: a product of a constant and data sizes, on its heaviest path. */
export interface Cost {
  constant: number;
  factors: SizeFactor[];
  /** Levels whose bound cannot be read (a `while` over a queue), by their loop header. */
  unknown: string[];
}

export type Level =
  | { kind: 'constant'; count: number }
  | { kind: 'size'; factor: SizeFactor }
  /** A loop whose bound the model cannot read, by its header (`while (queue.length > 0)`). */
  | { kind: 'unknown'; loop: string }
  /** Not a level at all: the loop awaits, so each iteration is a separate turn of the event loop. */
  | { kind: 'none' };

export const NO_COST: Cost = { constant: 1, factors: [], unknown: [] };

export function multiply(level: Level, inner: Cost): Cost {
  switch (level.kind) {
    case 'constant':
      return { ...inner, constant: inner.constant * level.count };
    case 'size':
      return { ...inner, factors: [level.factor, ...inner.factors] };
    case 'unknown':
      return { ...inner, unknown: [level.loop, ...inner.unknown] };
    case 'none':
      return inner;
  }
}

/** The heavier of two costs: more data sizes first, then more unreadable levels, then the larger constant. */
export function heavier(a: Cost, b: Cost): Cost {
  return compareCosts(a, b) >= 0 ? a : b;
}

/** Positive when `a` is heavier than `b`, in the order `heavier` uses; zero when neither is. */
export function compareCosts(a: Cost, b: Cost): number {
  const degree = (c: Cost): number => c.factors.length + c.unknown.length;
  return a.factors.length - b.factors.length || degree(a) - degree(b) || a.constant - b.constant;
}

/**
 * Heavy: the same unbounded data walked inside itself, even across a call (`rows.filter(a =>
 * rows.some(...))`, `for (const p of pts) nearest(p, pts)`: n²), where unbounded means read
 * from storage or the network or sent by a client; a size a client sets (`req.body.items`)
 * in a nest written together with another input; or a constant product of at least
 * `minIterations`. A parameter, a configuration list or a field of unknown origin walked
 * inside itself is usually a handful by construction (column names, listen addresses), and
 * two sizes neither of which is known to be large (n × m) a short list against a long one:
 * neither is heavy.
 *
 * `pending`: the cost is in the names of a function whose callers are not known yet; a size
 * read from a parameter may be either kind, and is decided where a caller names it.
 */
export function isHeavy(cost: Cost, minIterations: number, pending = false): boolean {
  const open = (factor: SizeFactor): boolean => pending && !!factor.parameter;
  const input = cost.factors.filter((factor) => factor.source === 'input');
  const unbounded = (factor: SizeFactor): boolean => !!factor.request || !!factor.stored || open(factor);
  const sameDataTwice = input.some((factor, i) => unbounded(factor) && input.some((other, j) => i !== j && other.expression === factor.expression));
  const together = input.filter((factor) => !factor.viaCall);
  const requestNest = together.length >= 2 && together.some((factor) => factor.request || open(factor));
  return sameDataTwice || requestNest || cost.constant >= minIterations;
}

// ---------------------------------------------------------------------------------------
// The estimate, for messages and cards

export interface Estimate {
  /** `n^2`, `n × m`, `1,000,000`, `2^n`. */
  steps: string;
  /** What each letter stands for, in the user's names; `passes` for a loop whose count cannot be read. */
  variables: Array<{ symbol: string; expression: string; origin?: string; request?: boolean; passes?: boolean }>;
}

const SYMBOLS = ['n', 'm', 'k', 'p', 'q'];
/** Constant factors below this are left out of an estimate with data sizes: `3 × n^2` reads as `n^2`. */
const SHOWN_CONSTANT = 10;

export function estimateOf(cost: Cost): Estimate {
  const groups: Array<{ variable: Omit<Estimate['variables'][number], 'symbol'>; power: number }> = [];
  for (const factor of cost.factors) {
    const same = groups.find((g) => !g.variable.passes && g.variable.expression === factor.expression);
    if (same) same.power++;
    else
      groups.push({
        variable: { expression: factor.expression, ...(factor.origin ? { origin: factor.origin } : {}), ...(factor.request ? { request: true } : {}) },
        power: 1,
      });
  }
  for (const loop of cost.unknown) groups.push({ variable: { expression: loop, passes: true }, power: 1 });
  const shown = groups.slice(0, SYMBOLS.length);
  const variables = shown.map((g, i) => ({ symbol: SYMBOLS[i], ...g.variable }));
  const terms = shown.map((g, i) => (g.power > 1 ? `${SYMBOLS[i]}^${g.power}` : SYMBOLS[i]));
  if (terms.length === 0) return { steps: formatCount(cost.constant), variables };
  if (cost.constant >= SHOWN_CONSTANT) terms.unshift(formatCount(cost.constant));
  return { steps: terms.join(' × '), variables };
}

export function exponentialEstimate(argument: string, origin?: string, request?: boolean): Estimate {
  return { steps: '2^n', variables: [{ symbol: 'n', expression: argument, ...(origin ? { origin } : {}), ...(request ? { request: true } : {}) }] };
}

/** Thousands separated by commas: `1,000,000`. */
function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

/** `n = pts.length, m = passes of while (queue.length > 0)`: what the letters of an estimate stand for. */
export function sizesText(estimate: Estimate): string {
  return estimate.variables.map((v) => `${v.symbol} = ${v.passes ? `passes of ${v.expression}` : v.expression}`).join(', ');
}
