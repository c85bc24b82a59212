// The editor's view of the workspace as ts-morph projects: one per tsconfig.json, loaded
// the first time one of its files is opened, plus one for files no tsconfig claims.
// Projects are built by the same core functions the CLI uses, so both see the same
// program. Open documents overlay the disk: their text replaces the file's until closed.
//
// Edits replace a file's compiler SourceFile and make a new program, which is what the core's
// caches are keyed on (per file and per program), so keeping these projects current is all
// the invalidation needed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Project, SourceFile } from 'ts-morph';
import { addSourceFile, createLooseProject, findTsconfig, isAnalysedFile, loadFromTsconfig, tooDeepToWalk, TsconfigReader, type Problem } from '../core';
import { isUntitledPath } from './documentPaths';

interface Overlay {
  text: string;
  /** False until the text has been written into every loaded project that holds the file. */
  applied: boolean;
  /** Why the text cannot be analysed: the parser gave up on it, or its tree is too deep to walk. */
  failure?: string;
}

export class WorkspaceProjects {
  /** Loaded tsconfig projects; `null` marks a tsconfig that could not be read, whose files go to the loose project. */
  private readonly configured = new Map<string, Project | null>();
  private loose: Project | undefined;
  private readonly tsconfigByFolder = new Map<string, string | undefined>();
  private readonly overlays = new Map<string, Overlay>();
  private reader: TsconfigReader;

  constructor(private readonly log: (message: string) => void) {
    this.reader = this.newReader();
  }

  /**
   * Records the editor's text for an open document. It reaches the projects lazily, at
   * the next `sourceFileOf`, so a burst of keystrokes costs one re-parse, not one each.
   */
  setOverlay(filePath: string, text: string): void {
    this.overlays.set(filePath, { text, applied: false });
  }

  /** The document was closed: the file goes back to its text on disk, or away if it has none. */
  removeOverlay(filePath: string): void {
    if (!this.overlays.delete(filePath)) return;
    const onDisk = !isUntitledPath(filePath) && fs.existsSync(filePath);
    for (const project of this.loadedProjects()) {
      const sourceFile = project.getSourceFile(filePath);
      if (!sourceFile) continue;
      if (onDisk) this.readFromDisk(project, filePath);
      else project.removeSourceFile(sourceFile);
    }
  }

  /** Whether the project that owns the file is loaded: if not, `sourceFileOf` loads it first. */
  isLoaded(filePath: string): boolean {
    const tsconfig = isUntitledPath(filePath) ? undefined : this.tsconfigFor(filePath);
    return tsconfig ? this.configured.has(tsconfig) : this.loose !== undefined;
  }

  /**
   * The source file of an open document in the project that owns it, with every open
   * document's text applied; undefined when its text could not be parsed at all.
   */
  sourceFileOf(filePath: string): SourceFile | undefined {
    this.applyOverlays();
    const overlay = this.overlays.get(filePath);
    if (overlay?.failure) return undefined;
    const project = this.projectFor(filePath);
    return project.getSourceFile(filePath) ?? (overlay && this.placeOverlay(project, filePath, overlay));
  }

  /** Why an open document's text could not be parsed, if it could not. */
  parseFailure(filePath: string): string | undefined {
    return this.overlays.get(filePath)?.failure;
  }

  /** Open documents (other than `filePath`) that import it directly. */
  openImportersOf(filePath: string): string[] {
    const importers: string[] = [];
    for (const openPath of this.overlays.keys()) {
      if (openPath === filePath) continue;
      try {
        const referenced = this.sourceFileOf(openPath)?.getReferencedSourceFiles() ?? [];
        if (referenced.some((file) => file.getFilePath() === filePath)) importers.push(openPath);
      } catch (error) {
        this.log(`Could not resolve the imports of ${openPath}: ${describeError(error)}`);
      }
    }
    return importers;
  }

  /** A file changed on disk. The editor's text wins for open documents. */
  fileChanged(filePath: string): void {
    if (this.overlays.has(filePath)) return;
    for (const project of this.loadedProjects()) {
      if (project.getSourceFile(filePath)) this.readFromDisk(project, filePath);
    }
  }

  /**
   * A file appeared on disk. It joins the loaded project of its nearest tsconfig without
   * re-reading the tsconfig's include/exclude globs: re-parsing the config on every new file
   * would cost more than the rare excluded file that, unopened, is never itself analysed.
   * The loose project holds only opened files, as the CLI's holds only those it was given.
   */
  fileCreated(filePath: string): void {
    if (this.overlays.has(filePath) || !(isAnalysedFile(filePath) || filePath.endsWith('.d.ts'))) return;
    const tsconfig = this.tsconfigFor(filePath);
    const project = tsconfig ? this.configured.get(tsconfig) : undefined;
    if (project && !project.getSourceFile(filePath)) this.readFromDisk(project, filePath);
  }

  fileDeleted(filePath: string): void {
    if (this.overlays.has(filePath)) return;
    for (const project of this.loadedProjects()) {
      const sourceFile = project.getSourceFile(filePath);
      if (sourceFile) project.removeSourceFile(sourceFile);
    }
  }

  /**
   * A tsconfig changed, appeared or went away. Any of them can be `extends`-ed by the others
   * and can move files between projects, so every project is dropped and reloaded lazily.
   */
  tsconfigChanged(): void {
    this.configured.clear();
    this.tsconfigByFolder.clear();
    this.reader = this.newReader();
    this.loose = undefined;
    for (const overlay of this.overlays.values()) overlay.applied = false;
  }

  private applyOverlays(): void {
    // Loading a project while applying one overlay can mark others unapplied (the new
    // project holds their files too), so this runs until none is left.
    while ([...this.overlays.values()].some((overlay) => !overlay.applied)) this.applyPendingOverlays();
  }

  private applyPendingOverlays(): void {
    for (const [filePath, overlay] of this.overlays) {
      if (overlay.applied) continue;
      // Marked first: text that cannot be applied is not retried for every other document.
      overlay.applied = true;
      overlay.failure = undefined;
      try {
        const owner = this.projectFor(filePath);
        for (const project of new Set([owner, ...this.loadedProjects()])) {
          const existing = project.getSourceFile(filePath);
          if (project !== owner && !existing) continue;
          if (existing?.getFullText() === overlay.text) continue;
          if (!this.placeOverlay(project, filePath, overlay)) break;
        }
      } catch (error) {
        this.fail(filePath, overlay, describeError(error));
      }
    }
  }

  /**
   * The editor's text of a file in `project`, or undefined when the analysis must not walk
   * it: a syntax tree too deep for the rules, the same guard as for files read from disk.
   */
  private placeOverlay(project: Project, filePath: string, overlay: Overlay): SourceFile | undefined {
    const sourceFile = project.createSourceFile(filePath, overlay.text, { overwrite: true });
    const tooDeep = tooDeepToWalk(sourceFile);
    if (!tooDeep) return sourceFile;
    this.fail(filePath, overlay, tooDeep);
    return undefined;
  }

  /**
   * Text that cannot be analysed: the parser itself failed (a stack overflow on absurdly deep
   * nesting) or the tree is too deep to walk. The file leaves the projects rather than keep a
   * text the editor no longer shows.
   */
  private fail(filePath: string, overlay: Overlay, reason: string): void {
    overlay.failure = reason;
    for (const project of this.loadedProjects()) {
      const stale = project.getSourceFile(filePath);
      if (stale) project.removeSourceFile(stale);
    }
    this.log(`Could not parse ${filePath}: ${reason}`);
  }

  private projectFor(filePath: string): Project {
    const tsconfig = isUntitledPath(filePath) ? undefined : this.tsconfigFor(filePath);
    if (!tsconfig) return this.looseProject();
    let project = this.configured.get(tsconfig);
    if (project === undefined) {
      project = this.loadConfigured(tsconfig);
      this.configured.set(tsconfig, project);
    }
    return project ?? this.looseProject();
  }

  private loadConfigured(tsconfig: string): Project | null {
    const problems: Problem[] = [];
    const started = performance.now();
    let loaded: ReturnType<typeof loadFromTsconfig>;
    try {
      loaded = loadFromTsconfig(tsconfig, [], problems, this.reader);
    } catch (error) {
      problems.push({
        kind: 'config',
        file: tsconfig,
        message: `Could not load ${tsconfig} (${describeError(error)}); its files are analysed with default options.`,
      });
    }
    for (const problem of problems) this.log(`${problem.file ?? tsconfig}: ${problem.message}`);
    if (!loaded) return null;
    this.log(`Loaded ${tsconfig}: ${loaded.project.getSourceFiles().length} files in ${Math.round(performance.now() - started)} ms.`);
    // The fresh project has the disk's text; open documents it holds must show the editor's.
    for (const [filePath, overlay] of this.overlays) {
      if (loaded.project.getSourceFile(filePath)) overlay.applied = false;
    }
    return loaded.project;
  }

  private looseProject(): Project {
    this.loose ??= createLooseProject();
    return this.loose;
  }

  private tsconfigFor(filePath: string): string | undefined {
    const folder = path.dirname(filePath);
    if (!this.tsconfigByFolder.has(folder)) this.tsconfigByFolder.set(folder, findTsconfig(folder));
    const nearest = this.tsconfigByFolder.get(folder);
    // A solution-style tsconfig.json includes nothing itself: the project it references that does owns the file.
    return nearest && (this.reader.owner(nearest, filePath)?.tsconfig ?? nearest);
  }

  private newReader(): TsconfigReader {
    return new TsconfigReader((problem) => this.log(`${problem.file ?? ''}: ${problem.message}`));
  }

  private loadedProjects(): Project[] {
    const projects = [...this.configured.values()].filter((project): project is Project => project !== null);
    if (this.loose) projects.push(this.loose);
    return projects;
  }

  /** Replaces the file's text with the disk's; a file that cannot be read or parsed leaves the project. */
  private readFromDisk(project: Project, filePath: string): void {
    const problems: Problem[] = [];
    let added: SourceFile | undefined;
    try {
      added = addSourceFile(project, filePath, problems);
    } catch (error) {
      problems.push({ kind: 'parse', file: filePath, message: `Could not parse ${filePath}: ${describeError(error)}` });
    }
    if (!added) {
      const stale = project.getSourceFile(filePath);
      if (stale) project.removeSourceFile(stale);
    }
    for (const problem of problems) this.log(problem.message);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
