// Accounts, each with its own lock.
import { Mutex } from 'async-mutex';
import { appendToLedger } from './store';

export class Account {
  readonly lock = new Mutex();
  balance = 0;

  constructor(readonly id: string) {}

  async deposit(amount: number): Promise<void> {
    await this.lock.runExclusive(async () => {
      this.balance += amount;
      await this.log(amount);
    });
  }

  private async log(amount: number): Promise<void> {
    // Takes the lock that deposit() already holds.
    await this.lock.runExclusive(() => appendToLedger({ account: this.id, amount }));
  }
}

/** Moves money between two accounts: their locks are taken in argument order. */
export async function transfer(from: Account, to: Account, amount: number): Promise<void> {
  await from.lock.runExclusive(async () => {
    await to.lock.runExclusive(async () => {
      from.balance -= amount;
      to.balance += amount;
    });
  });
}

/** The same move with the locks taken lowest id first: silent. */
export async function safeTransfer(from: Account, to: Account, amount: number): Promise<void> {
  const [first, second] = from.id <= to.id ? [from, to] : [to, from];
  await first.lock.runExclusive(async () => {
    await second.lock.runExclusive(async () => {
      from.balance -= amount;
      to.balance += amount;
    });
  });
}
