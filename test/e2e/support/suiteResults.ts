// What a suite writes when it ends, for the e2e runner's summary: its counts and how many
// assertions it made. Written only when the runner asks for it (KITCHEN_SYNC_E2E_RESULTS).
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  assertions: number;
  durationMs: number;
}

export function writeSuiteResults(results: SuiteResults): void {
  const file = process.env.KITCHEN_SYNC_E2E_RESULTS;
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
}

/** The closing line CI reads, in the plain "N passed, N failed" form. */
export function summaryLine(suite: string, results: SuiteResults): string {
  return `${suite}: ${results.passed} passed, ${results.failed} failed, ${results.pending} skipped (${results.assertions} assertions)`;
}
