// Loads code the way tsc would: the nearest tsconfig.json decides which files belong
// together and with which options; without one, the given files with sensible defaults.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project, ts, type SourceFile } from 'ts-morph';
import type { Problem } from './finding';
import { TsconfigReader } from './tsconfigOwnership';

export const ANALYSED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Options for files that no tsconfig.json claims. */
export const DEFAULT_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  allowJs: true,
  checkJs: false,
  jsx: ts.JsxEmit.Preserve,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
};

export interface LoadedProject {
  project: Project;
  /** The tsconfig.json this project comes from, or undefined for loose files. */
  tsconfig?: string;
  /** The files to analyse: those asked for that this project owns. */
  files: SourceFile[];
}

export interface LoadResult {
  projects: LoadedProject[];
  problems: Problem[];
}

export function isAnalysedFile(file: string): boolean {
  return ANALYSED_EXTENSIONS.includes(path.extname(file).toLowerCase()) && !file.endsWith('.d.ts');
}

/** The nearest tsconfig.json at or above `start` (a file or a folder). */
export function findTsconfig(start: string): string | undefined {
  let dir = fs.existsSync(start) && fs.statSync(start).isDirectory() ? start : path.dirname(start);
  for (;;) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Every analysable file under a folder, skipping node_modules and hidden folders. */
export function listFiles(target: string): string[] {
  const stat = fs.statSync(target);
  if (stat.isFile()) return [target];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && isAnalysedFile(full)) out.push(full);
    }
  };
  walk(target);
  return out.sort();
}

/**
 * Groups the requested paths by the tsconfig.json whose program includes them, as tsc sees
 * it (the nearest one, or a project it references), and loads one ts-morph Project per
 * group, with that tsconfig's own options. Under a folder, a file no program includes
 * (build output in `outDir`, an `exclude`d folder) is left out; a file named on its own
 * is analysed anyway, as tsc would check it if named on its command line. A file no
 * tsconfig.json is above joins the loose-files project.
 */
export function loadProjects(targets: string[]): LoadResult {
  const problems: Problem[] = [];
  const reader = new TsconfigReader((problem) => problems.push(problem));
  const named = new Set<string>();
  const requested = new Set<string>();
  for (const target of targets) {
    const absolute = path.resolve(target);
    if (!fs.existsSync(absolute)) {
      problems.push({ kind: 'read', file: absolute, message: `No such file or folder: ${target}` });
      continue;
    }
    if (fs.statSync(absolute).isFile()) named.add(absolute);
    for (const file of listFiles(absolute)) requested.add(file);
  }

  const byConfig = new Map<string, string[]>();
  const loose: string[] = [];
  for (const file of requested) {
    const nearest = findTsconfig(file);
    // A tsconfig.json that cannot be read leaves its files to default options, as before it.
    if (!nearest || !reader.read(nearest).parsed) {
      loose.push(file);
      continue;
    }
    const owner = reader.owner(nearest, file)?.tsconfig ?? (named.has(file) ? nearest : undefined);
    if (!owner) continue;
    const files = byConfig.get(owner);
    if (files) files.push(file);
    else byConfig.set(owner, [file]);
  }

  const projects: LoadedProject[] = [];
  for (const [config, files] of byConfig) {
    const loaded = loadFromTsconfig(config, files, problems, reader);
    if (loaded) projects.push(loaded);
    else loose.push(...files);
  }
  if (loose.length > 0) projects.push(loadLooseFiles(loose, problems));
  return { projects, problems };
}

/**
 * Loads the project a tsconfig.json describes, plus `requested` files it leaves out.
 * Undefined (with a problem) when the tsconfig cannot be read. The language server
 * calls this with no requested files and adds open documents itself.
 */
export function loadFromTsconfig(
  tsconfig: string,
  requested: string[],
  problems: Problem[],
  reader = new TsconfigReader((problem) => problems.push(problem)),
): LoadedProject | undefined {
  const { parsed, owned } = reader.read(tsconfig);
  if (!parsed) return undefined;
  // JavaScript files the tsconfig does not claim (no `allowJs`) are still analysed when asked
  // for or opened. A program without `allowJs` leaves them out, unbound, and the checker
  // has no symbols for them; `allowJs` alone (no `checkJs`) only lets them into the program.
  const project = new Project({ compilerOptions: { ...parsed.options, allowJs: true, noEmit: true } });
  for (const fileName of owned) addSourceFile(project, fileName, problems);
  // Files asked for explicitly that the tsconfig leaves out (a .js file without allowJs,
  // a script outside `include`) are still analysed, as tsc would if named on its command line.
  const files: SourceFile[] = [];
  for (const file of requested) {
    const sourceFile = project.getSourceFile(file) ?? addSourceFile(project, file, problems);
    if (sourceFile) files.push(sourceFile);
  }
  return { project, tsconfig, files };
}

/** An empty project for files that no tsconfig.json claims. */
export function createLooseProject(): Project {
  return new Project({ compilerOptions: DEFAULT_COMPILER_OPTIONS });
}

function loadLooseFiles(files: string[], problems: Problem[]): LoadedProject {
  const project = createLooseProject();
  const sourceFiles = files.map((f) => addSourceFile(project, f, problems)).filter((f): f is SourceFile => !!f);
  return { project, files: sourceFiles };
}

/** Reads a file as UTF-8, reporting (not throwing on) unreadable or binary content. */
export function addSourceFile(project: Project, file: string, problems: Problem[]): SourceFile | undefined {
  let text: string;
  try {
    text = readSourceText(file);
  } catch (error) {
    problems.push({ kind: 'read', file, message: `Could not read ${file}: ${(error as Error).message}` });
    return undefined;
  }
  try {
    const sourceFile = project.createSourceFile(file, text, { overwrite: true });
    const tooDeep = tooDeepToWalk(sourceFile);
    if (!tooDeep) return sourceFile;
    project.removeSourceFile(sourceFile);
    problems.push({ kind: 'parse', file, message: `Could not analyse ${file}: ${tooDeep}; file not analysed.` });
    return undefined;
  } catch (error) {
    // TypeScript's parser is recursive: code nested thousands of levels deep overflows its
    // stack. The file stays out of the project, so the other files are still analysed.
    const reason = error instanceof RangeError ? 'it is nested too deeply for the TypeScript parser' : (error as Error).message;
    problems.push({ kind: 'parse', file, message: `Could not parse ${file}: ${reason}; file not analysed.` });
    return undefined;
  }
}

/**
 * Decodes a file as UTF-8. Invalid byte sequences become U+FFFD (as editors show them)
 * and a NUL byte marks a binary file, which is refused with a clear message.
 */
export function readSourceText(file: string): string {
  const bytes = fs.readFileSync(file);
  if (bytes.includes(0)) throw new Error('it looks like a binary file (it contains NUL bytes)');
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/**
 * TypeScript's binder and the rules' walks recurse once per level of the syntax tree: a
 * thousand nested blocks, or a concatenation of a few thousand strings, overflows the
 * stack, and a file the binder cannot take breaks the checker for every file of its
 * project. Real code stays far below this.
 */
const MAX_SYNTAX_DEPTH = 1_000;

/** Why the analysis must not walk this file (see MAX_SYNTAX_DEPTH), or undefined when it may. */
export function tooDeepToWalk(sourceFile: SourceFile): string | undefined {
  const depth = syntaxDepth(sourceFile.compilerNode);
  return depth <= MAX_SYNTAX_DEPTH ? undefined : `its syntax tree is ${depth} levels deep, more than the analysis can walk (${MAX_SYNTAX_DEPTH})`;
}

/** The depth of the syntax tree, walked with an explicit stack so that it never overflows itself. */
function syntaxDepth(root: ts.Node): number {
  let deepest = 0;
  const stack: Array<[ts.Node, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    ts.forEachChild(node, (child) => {
      stack.push([child, depth + 1]);
    });
  }
  return deepest;
}
