// `--fix`: applies every preferred fix, analyses again, and repeats until nothing more
// applies (at most MAX_FIX_PASSES times, as ESLint does), because one fix can make room
// for another that overlapped it. Files are written once, at the end, in their own
// newline style and with their byte order mark, if they had one.
import * as fs from 'node:fs';
import type { SourceFile } from 'ts-morph';
import { applyFixesToFiles, parseProblems, readSourceText, type AnalysisResult, type Fix, type Problem } from '../core';

export const MAX_FIX_PASSES = 10;

export interface FixRun {
  /** The analysis of the files as they are after fixing. */
  result: AnalysisResult;
  fixesApplied: number;
  /** Absolute paths of the files that were rewritten or created. */
  filesFixed: string[];
}

/** How a file is stored, so that a rewrite changes only what the fixes changed. */
interface StoredForm {
  bom: boolean;
  eol: '\n' | '\r\n';
}

/**
 * Fixes `files` (all from one ts-morph project) in memory, then writes them. `analyze` is
 * the same analysis the report uses; it runs once per pass, and only when a pass changed
 * something, so the final result always describes the final text. A file a fix creates
 * joins the analysed files.
 */
export function fixInPlace(files: readonly SourceFile[], analyze: (files: readonly SourceFile[]) => AnalysisResult): FixRun {
  const project = files[0]?.getProject();
  const analysed = [...files];
  /** Text on disk before the first fix, or undefined for a file a fix created. */
  const originals = new Map<string, string | undefined>();
  const storedForms = new Map<string, StoredForm | undefined>();
  /** Files a fix would have broken: no further fix touches them. */
  const refused = new Set<string>();
  const problems = new Map<string, Problem>();
  let result = analyze(analysed);
  let fixesApplied = 0;

  const current = (file: string): string | undefined => {
    const sourceFile = project?.getSourceFile(file);
    if (sourceFile) return sourceFile.getFullText();
    return fs.existsSync(file) ? readSourceText(file) : undefined;
  };
  const formOf = (file: string): StoredForm | undefined => {
    if (!storedForms.has(file)) storedForms.set(file, readStoredForm(file, current(file), problems));
    return storedForms.get(file);
  };

  for (let pass = 0; pass < MAX_FIX_PASSES && project; pass++) {
    const fixes = result.findings
      .flatMap((finding) => finding.fixes)
      // Snippets have placeholders for the user to fill in; they are for editors only.
      .filter((fix) => fix.isPreferred && !fix.snippet && fix.edits.every((edit) => writable(edit.file)))
      .map((fix) => withNewlines(fix, (file) => formOf(file)?.eol ?? '\n'));
    const { files: changed, applied } = applyFixesToFiles(fixes, current);
    if (applied.length === 0) break;

    const before = new Map([...changed.keys()].map((file) => [file, current(file)]));
    for (const [file, text] of changed) setText(file, text);
    const broken = [...changed.keys()].filter((file) => parseProblems(project.getSourceFileOrThrow(file)).length > 0);
    if (broken.length > 0) {
      // A fix must never leave the user with a file that no longer parses: undo the whole
      // pass, and fix nothing more in the files it would have broken.
      for (const [file, text] of before) {
        if (text === undefined) project.removeSourceFile(project.getSourceFileOrThrow(file));
        else setText(file, text);
      }
      for (const file of broken) {
        problems.set(file, { kind: 'internal', file, message: `A fix would have left a syntax error in ${file}, so --fix stopped changing it.` });
        refused.add(file);
      }
      continue;
    }
    for (const [file, text] of before) if (!originals.has(file)) originals.set(file, text);
    for (const file of changed.keys()) {
      const sourceFile = project.getSourceFileOrThrow(file);
      if (!analysed.includes(sourceFile)) analysed.push(sourceFile);
    }
    fixesApplied += applied.length;
    result = analyze(analysed);
  }

  const filesFixed: string[] = [];
  for (const [file, original] of originals) {
    const text = current(file) ?? '';
    if (text === original) continue;
    fs.writeFileSync(file, (formOf(file)?.bom ? '\uFEFF' : '') + text);
    filesFixed.push(file);
  }
  return { result: { findings: result.findings, problems: [...result.problems, ...problems.values()] }, fixesApplied, filesFixed };

  function writable(file: string): boolean {
    return !refused.has(file) && (!fs.existsSync(file) || formOf(file) !== undefined);
  }

  /**
   * Replaces a file's text in the project, or adds the file. Not `replaceWithText`: that
   * rewrites every newline to the project's newline kind, and a CRLF file must stay CRLF.
   * Overwriting keeps the same SourceFile object, so `analysed` stays valid.
   */
  function setText(file: string, text: string): void {
    project.createSourceFile(file, text, { overwrite: true });
  }
}

/**
 * The file's byte order mark and dominant newline. A file that is not valid UTF-8 was
 * read with replacement characters, so writing it back would change bytes no fix
 * touched: it is left alone (analysed, not fixed), with a problem saying why. A file
 * that does not exist yet (a fix creates it) gets no mark and `\n`.
 */
function readStoredForm(file: string, text: string | undefined, problems: Map<string, Problem>): StoredForm | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { bom: false, eol: '\n' };
    const reason = error instanceof TypeError ? 'it is not valid UTF-8' : (error as Error).message;
    problems.set(file, { kind: 'not-fixed', file, message: `Did not fix ${file}: ${reason}.` });
    return undefined;
  }
  const crlf = text?.match(/\r\n/g)?.length ?? 0;
  const lf = (text?.match(/\n/g)?.length ?? 0) - crlf;
  return { bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, eol: crlf > lf ? '\r\n' : '\n' };
}

/** Rules write `\n`; a CRLF file gets CRLF in the inserted text too. */
function withNewlines(fix: Fix, eolOf: (file: string) => StoredForm['eol']): Fix {
  return { ...fix, edits: fix.edits.map((edit) => ({ ...edit, newText: edit.newText.replace(/\r?\n/g, eolOf(edit.file)) })) };
}
