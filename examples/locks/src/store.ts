// The bank's storage, reached over the network: every call may fail.
export interface Entry {
  account: string;
  amount: number;
}

const API_URL = process.env.BANK_API_URL ?? 'http://localhost:8081';

async function post(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${API_URL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path} failed: ${response.status}`);
}

export const appendToLedger = (entry: Entry) => post('/ledger', entry);
export const appendToAuditTrail = (entry: Entry) => post('/audit', entry);
export const chargeCard = (card: string, amount: number) => post('/cards/charge', { card, amount });
