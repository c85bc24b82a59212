// The bank's shared locks: one for the ledger, one for the audit trail.
import { Mutex } from 'async-mutex';

export const ledgerLock = new Mutex();
export const auditLock = new Mutex();
