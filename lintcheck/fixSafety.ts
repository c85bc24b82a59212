// Fix safety on real code: `--fix` on a copy of a corpus, then every changed file is
// type-checked in its own tsconfig project before and after. An error the original did
// not have means a fix broke the code.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadProjects } from '../src/core';
import { inCorpus, newErrors } from '../bench/fixSafety';

export interface FixSafety {
  fixesApplied: number;
  /** Relative paths of the files `--fix` changed. */
  filesFixed: string[];
  newTypeErrors: string[];
}

export function checkFixSafety(cli: string, root: string, folders: readonly string[], scratch: string): FixSafety {
  fs.rmSync(scratch, { recursive: true, force: true });
  copyLinkingDependencies(root, scratch);
  const report = path.join(path.dirname(scratch), `${path.basename(scratch)}-fix.json`);
  const run = spawnSync(process.execPath, ['--max-old-space-size=12000', cli, '--fix', '--format', 'json', '--output', report, ...folders], {
    cwd: scratch,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 ** 2,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`kitchen-sync --fix exited with ${run.status ?? run.signal}: ${run.stderr.slice(-2000)}`);
  const { summary } = JSON.parse(fs.readFileSync(report, 'utf8')) as { summary: { fixesApplied: number } };
  const filesFixed = folders.flatMap((folder) => changedFiles(path.join(root, folder), path.join(scratch, folder))).map((f) => path.relative(root, f));
  const errorsIn = (base: string): string[] => typeErrorsOf(filesFixed.map((f) => path.join(base, f))).map(inCorpus(base));
  return { fixesApplied: summary.fixesApplied, filesFixed, newTypeErrors: newErrors(errorsIn(root), errorsIn(scratch)) };
}

/**
 * A copy of the sources with every `node_modules` folder linked, not copied: `--fix` never
 * writes there, and the installed dependencies of a monorepo are gigabytes.
 */
function copyLinkingDependencies(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.name === 'node_modules') fs.symlinkSync(source, target);
    else if (entry.isDirectory()) copyLinkingDependencies(source, target);
    else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else if (entry.isFile()) fs.copyFileSync(source, target);
  }
}

function changedFiles(original: string, copy: string): string[] {
  if (!fs.existsSync(original)) return [];
  const changed: string[] = [];
  for (const entry of fs.readdirSync(original, { withFileTypes: true })) {
    const from = path.join(original, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') changed.push(...changedFiles(from, path.join(copy, entry.name)));
    else if (entry.isFile() && !fs.readFileSync(from).equals(fs.readFileSync(path.join(copy, entry.name)))) changed.push(from);
  }
  return changed;
}

/** The compiler's errors in these files, each checked in the project that owns it. */
function typeErrorsOf(files: readonly string[]): string[] {
  if (files.length === 0) return [];
  const wanted = new Set(files);
  const errors: string[] = [];
  for (const { files: sourceFiles } of loadProjects([...files]).projects) {
    for (const sourceFile of sourceFiles) {
      if (!wanted.has(sourceFile.getFilePath())) continue;
      for (const d of sourceFile.getPreEmitDiagnostics()) {
        const text = d.getMessageText();
        const message = typeof text === 'string' ? text : text.getMessageText();
        errors.push(`${sourceFile.getFilePath()}(${d.getLineNumber() ?? 0},0): error TS${d.getCode()}: ${message}`);
      }
    }
  }
  return errors;
}
