// Fix safety at scale: every fix `--fix` applies on a real corpus, applied to a scratch
// copy, then the copy is type-checked. A new type error (one tsc did not report on the
// original) means a fix broke the code; the target is none.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyCorpus, type Corpus } from './corpora';
import { measureNode } from './measureProcess';
import { CLI_BUNDLE, runTool, typeErrors } from './toolRuns';

export interface FixSafetyResult {
  corpus: string;
  fixesApplied: number;
  filesFixed: number;
  newTypeErrors: string[];
}

export async function checkFixSafety(corpus: Corpus, scratch: string, baselineTscOutput: string): Promise<FixSafetyResult> {
  const copy = copyCorpus(corpus, path.join(scratch, `fixed-${corpus.name.replace(/\W+/g, '-')}`));
  const output = path.join(copy.root, 'kitchen-sync-fix-report.json');
  await measureNode(CLI_BUNDLE, ['--fix', '--format', 'json', '--output', output, 'src'], copy.root);
  const summary = fs.existsSync(output)
    ? (JSON.parse(fs.readFileSync(output, 'utf8')) as { summary: { fixesApplied: number; filesFixed: number } }).summary
    : undefined;
  const after = await runTool('tsc', copy);
  return {
    corpus: corpus.name,
    fixesApplied: summary?.fixesApplied ?? 0,
    filesFixed: summary?.filesFixed ?? 0,
    newTypeErrors: newErrors(typeErrors(baselineTscOutput).map(inCorpus(corpus.root)), typeErrors(after.stdout).map(inCorpus(copy.root))),
  };
}

/**
 * An error message with the corpus folder taken out: tsc names types by their absolute
 * path (`import("/…/src/Fiber").Fiber`), which differs between the original and the copy.
 */
export function inCorpus(root: string): (line: string) => string {
  return (line) => line.split(root).join('<corpus>');
}

/**
 * Errors after the fixes that were not there before. Fixes move lines, so an error is
 * known by its file, code and message, and counted: a second identical error is new.
 */
export function newErrors(before: readonly string[], after: readonly string[]): string[] {
  const key = (line: string): string => line.replace(/\(\d+,\d+\)/, '');
  const remaining = new Map<string, number>();
  for (const line of before) remaining.set(key(line), (remaining.get(key(line)) ?? 0) + 1);
  const added: string[] = [];
  for (const line of after) {
    const count = remaining.get(key(line)) ?? 0;
    if (count > 0) remaining.set(key(line), count - 1);
    else added.push(line);
  }
  return added;
}
