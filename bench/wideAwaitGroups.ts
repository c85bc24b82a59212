// The worst case for sequential-await: one generated function whose awaits are all
// independent, grown from the first size to the last. Each size runs the CLI with JSON
// output in its own process; the first size is the reference the others are judged against
// (time and output per await should stay flat, memory should grow far slower than the awaits).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measureNode } from './measureProcess';
import { CLI_BUNDLE } from './toolRuns';

export const WIDE_AWAIT_TARGETS = { largestSeconds: 20, largestRssMb: 1_024 };

export interface WideAwaitRun {
  awaits: number;
  wallMs: number;
  peakRssMb?: number;
  /** Bytes of the JSON report. */
  outputBytes: number;
  findings?: number;
  exitCode: number | null;
}

/** `const pN = await fetchPart(N);` for every N, in one function. */
export function wideAwaitSource(awaits: number): string {
  const lines = ['declare function fetchPart(i: number): Promise<number>;', 'export async function assemble(): Promise<number[]> {'];
  for (let i = 0; i < awaits; i++) lines.push(`  const p${i} = await fetchPart(${i});`);
  lines.push(`  return [${Array.from({ length: awaits }, (_, i) => `p${i}`).join(', ')}];`, '}', '');
  return lines.join('\n');
}

export async function measureWideAwaitGroups(scratch: string, sizes: readonly number[], log: (line: string) => void): Promise<WideAwaitRun[]> {
  const runs: WideAwaitRun[] = [];
  for (const awaits of sizes) {
    const root = path.join(scratch, `wide-awaits-${awaits}`);
    fs.mkdirSync(path.join(root, 'src'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['ES2022'], types: [], strict: true, noEmit: true }, include: ['src'] }),
    );
    fs.writeFileSync(path.join(root, 'src', 'assemble.ts'), wideAwaitSource(awaits));
    log(`one function with ${awaits} independent awaits...`);
    const output = path.join(root, 'report.json');
    const run = await measureNode(CLI_BUNDLE, ['--format', 'json', '--output', output, 'src'], root);
    const outputBytes = fs.existsSync(output) ? fs.statSync(output).size : 0;
    const findings = outputBytes > 0 ? (JSON.parse(fs.readFileSync(output, 'utf8')) as { findings: unknown[] }).findings.length : undefined;
    log(`  ${(run.wallMs / 1000).toFixed(1)} s, ${run.peakRssMb?.toFixed(0) ?? '?'} MB, exit ${run.exitCode}`);
    runs.push({ awaits, wallMs: run.wallMs, peakRssMb: run.peakRssMb, outputBytes, findings, exitCode: run.exitCode });
  }
  return runs;
}
