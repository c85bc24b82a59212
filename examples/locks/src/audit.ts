// The audit trail. The nightly audit holds the trail and corrects the ledger:
// the other way round from booking.
import { correctLedger } from './ledger';
import { auditLock } from './locks';
import { appendToAuditTrail, type Entry } from './store';

export async function recordAudit(entry: Entry): Promise<void> {
  await auditLock.runExclusive(() => appendToAuditTrail(entry));
}

export async function nightlyAudit(corrections: Entry[]): Promise<void> {
  await auditLock.runExclusive(async () => {
    for (const correction of corrections) {
      await correctLedger(correction);
    }
  });
}
