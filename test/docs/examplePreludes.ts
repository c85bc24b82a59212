// What each rule page's examples leave out, to keep them short: the declarations of the
// functions and types they use. An example is compiled with its page's prelude before it.
export const EXAMPLE_PRELUDES: Record<string, string> = {
  'await-in-loop': `interface User {
  id: string;
  name: string;
}
declare function fetchUser(id: string): Promise<User>;
declare function listCustomers(cursor: string | undefined): Promise<{ items: string[]; next?: string }>;
declare const customers: string[];
declare const ids: string[];
`,
  'blocking-loop': `interface Point {
  x: number;
  y: number;
}
declare function loadPoints(): Promise<Point[]>;
declare const pts: Point[];
let best = Infinity;
declare const users: Array<{ id: string }>;
declare const orders: Array<{ userId: string }>;
declare function report(order: { userId: string }, user: { id: string } | undefined): void;
`,
  'lock-leak': `import { Mutex } from 'async-mutex';
const registerLock = new Mutex();
declare function chargeCard(amount: number): Promise<void>;
`,
  'lock-order': `interface Entry {
  id: string;
}
declare function append(entry: Entry): Promise<void>;
declare function check(): Promise<void>;
interface Account {
  id: number;
  lock: import('async-mutex').Mutex;
}
declare function move(from: Account, to: Account, amount: number): Promise<void>;
`,
  'lock-reentry': `import { Mutex } from 'async-mutex';
declare function persist(value: number): Promise<void>;
declare function update(): Promise<void>;
`,
  'race-check-then-act': `import { writeFile } from 'node:fs/promises';
interface Connection {
  close(): Promise<void>;
}
declare function connect(): Promise<Connection>;
declare const path: string;
declare const text: string;
`,
  'race-lost-update': `import { Mutex } from 'async-mutex';
declare function priceOf(sku: string): Promise<number>;
`,
  'sequential-await': `declare function loadUser(id: string): Promise<{ name: string; teamId: string }>;
declare function loadPrices(): Promise<number[]>;
declare function loadTeam(teamId: string): Promise<string[]>;
declare const id: string;
`,
};
