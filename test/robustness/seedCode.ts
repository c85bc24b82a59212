// Code that gives every rule family something to look at: independent awaits, an await
// per loop pass, a blocking call and a nested loop in async code, two locks taken in
// both orders. The hard cases and the mutation test start from it, so that a mangled
// input still reaches the rules' interesting paths rather than stopping at "no awaits".
export const SEED_CODE = `import { Mutex } from 'async-mutex';
import { readFileSync } from 'node:fs';

declare function fetchUser(id: string): Promise<{ name: string }>;
declare function fetchOrders(id: string): Promise<number[]>;
declare function sendEmail(to: string): Promise<void>;

const ledgerLock = new Mutex();
const auditLock = new Mutex();

export async function profile(id: string) {
  const user = await fetchUser(id);
  const orders = await fetchOrders(id);
  return { user, orders };
}

export async function notifyAll(ids: string[]) {
  const names: string[] = [];
  for (const id of ids) {
    const user = await fetchUser(id);
    names.push(user.name);
  }
  return names;
}

export async function loadConfig(file: string) {
  const text = readFileSync(file, 'utf8');
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    for (let j = 0; j < text.length; j++) {
      if (text[i] === text[j]) pairs++;
    }
  }
  await sendEmail(text);
  return pairs;
}

export async function deposit(entry: string): Promise<void> {
  const releaseLedger = await ledgerLock.acquire();
  const releaseAudit = await auditLock.acquire();
  try {
    await sendEmail(entry);
  } finally {
    releaseAudit();
    releaseLedger();
  }
}

export async function reconcile(entry: string): Promise<void> {
  const releaseAudit = await auditLock.acquire();
  const releaseLedger = await ledgerLock.acquire();
  try {
    await sendEmail(entry);
  } finally {
    releaseLedger();
    releaseAudit();
  }
}
`;
