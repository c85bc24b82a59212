// A small project the format tests share: one sequential-await finding with a fix and a
// related location, one unused and one invalid suppression directive.
import { STRICT_TSCONFIG } from './cliHarness';

export const PROFILE_TS = `interface User {
  name: string;
}
declare function fetchUser(id: string): Promise<User>;
declare function fetchOrders(id: string): Promise<string[]>;

export async function loadProfile(id: string) {
  const user = await fetchUser(id);
  const orders = await fetchOrders(id);
  return { user, orders };
}
`;

/** PROFILE_TS after `--fix`: the two awaits run together. */
export const PROFILE_FIXED_TS = `interface User {
  name: string;
}
declare function fetchUser(id: string): Promise<User>;
declare function fetchOrders(id: string): Promise<string[]>;

export async function loadProfile(id: string) {
  const [user, orders] = await Promise.all([fetchUser(id), fetchOrders(id)]);
  return { user, orders };
}
`;

export const DIRECTIVES_TS = `export function total(values: number[]): number {
  // kitchen-sync-disable-next-line invalid-suppression -- nothing to hide here
  return values.reduce((sum, v) => sum + v, 0);
}

export function average(values: number[]): number {
  return values.length === 0 ? 0 : total(values) / values.length;
}

export const names = ['a', 'b'];
// kitchen-sync-disable-next-line no-such-rule
export const answer = 42;
`;

export const SAMPLE_FILES = {
  'tsconfig.json': STRICT_TSCONFIG,
  'src/profile.ts': PROFILE_TS,
  'src/directives.ts': DIRECTIVES_TS,
};

/** Zero-based ranges of the findings in SAMPLE_FILES. */
export const RANGES = {
  /** `await fetchOrders(id)`, which waits behind `await fetchUser(id)`. */
  sequentialAwait: { start: { line: 8, character: 17 }, end: { line: 8, character: 38 } },
  sequentialAwaitRelated: { start: { line: 7, character: 15 }, end: { line: 7, character: 34 } },
  /** `invalid-suppression` in the directive on line 2 (one-based). */
  unusedSuppression: { start: { line: 1, character: 36 }, end: { line: 1, character: 55 } },
  /** `no-such-rule` in the directive on line 11 (one-based). */
  invalidSuppression: { start: { line: 10, character: 34 }, end: { line: 10, character: 46 } },
};
