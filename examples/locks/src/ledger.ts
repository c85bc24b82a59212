// Booking: the ledger first, then the audit trail.
import { recordAudit } from './audit';
import { ledgerLock } from './locks';
import { appendToLedger, type Entry } from './store';

export async function book(entry: Entry): Promise<void> {
  await ledgerLock.runExclusive(async () => {
    await appendToLedger(entry);
    await recordAudit(entry);
  });
}

export async function correctLedger(entry: Entry): Promise<void> {
  await ledgerLock.runExclusive(() => appendToLedger(entry));
}
