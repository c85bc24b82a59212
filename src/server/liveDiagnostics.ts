// Analyses open documents and remembers, per document, the findings behind the diagnostics
// it published last, so hovers and code actions answer from memory without re-analysing.
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { analyzeFile, type AnalysisResult } from '../core';
import type { Locale } from '../explain';
import { overBudgetDiagnostic, toDiagnostic, type FindingDiagnostic, type UriOf } from './findingDiagnostics';
import type { ProjectLoading } from './projectLoading';
import type { ServerSettings } from './serverSettings';
import type { WorkspaceProjects } from './workspaceProjects';

export interface OpenDocument {
  uri: string;
  filePath: string;
  version: number;
}

export interface PublishedFindings {
  /** The document version the findings' ranges and fixes refer to. */
  version: number;
  entries: FindingDiagnostic[];
}

interface DocumentState {
  published?: PublishedFindings;
  /** The version analysed last; ahead of `published` while the document has syntax errors. */
  analysedVersion?: number;
  /** Something besides the document's text changed (an import, a setting) since it was analysed. */
  stale: boolean;
  /** Analysing took longer than the budget: the document waits for a save instead of every keystroke. */
  overBudget: boolean;
}

export interface LiveDiagnosticsOptions {
  connection: Connection;
  projects: WorkspaceProjects;
  loading: ProjectLoading;
  /** The open document at `uri` as it is now, or undefined once it is closed. */
  document(uri: string): OpenDocument | undefined;
  settingsFor(uri: string): Promise<ServerSettings>;
  locale: Locale;
  uriOf: UriOf;
}

export class LiveDiagnostics {
  private readonly states = new Map<string, DocumentState>();

  constructor(private readonly options: LiveDiagnosticsOptions) {}

  /** What was published for the document, whatever version it is at now. */
  published(uri: string): PublishedFindings | undefined {
    return this.states.get(uri)?.published;
  }

  /**
   * The findings for the document's current text, analysing now if they are out of date.
   * Undefined when there are none to trust: the text has syntax errors, or the file is over
   * its time budget and waits for a save.
   */
  async current(uri: string): Promise<PublishedFindings | undefined> {
    await this.analyse(uri);
    const document = this.options.document(uri);
    const published = this.states.get(uri)?.published;
    return document && published?.version === document.version ? published : undefined;
  }

  markStale(uris: Iterable<string>): void {
    for (const uri of uris) this.state(uri).stale = true;
  }

  /** A save or a settings change gives an over-budget document another chance. Returns whether it was over budget. */
  retryIfOverBudget(uri: string): boolean {
    const state = this.states.get(uri);
    if (!state?.overBudget) return false;
    state.overBudget = false;
    state.stale = true;
    return true;
  }

  /** The document closed: its diagnostics go with it. */
  clear(uri: string): void {
    this.states.delete(uri);
    void this.options.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Analyses the document and publishes its diagnostics, unless they are current already. */
  async analyse(uri: string): Promise<void> {
    const settings = await this.options.settingsFor(uri);
    const opened = this.options.document(uri);
    if (opened && settings.enable) await this.options.loading.ensureLoaded(opened.filePath);
    // Read after the awaits: the document may have changed or closed meanwhile.
    const document = this.options.document(uri);
    if (!document) return;
    const state = this.state(uri);
    if (!state.stale && state.analysedVersion === document.version) return;
    if (!settings.enable) {
      this.publish(uri, state, { version: document.version, entries: [] }, []);
      state.analysedVersion = document.version;
      state.stale = false;
      return;
    }
    if (state.overBudget) return;

    const analysed = this.analyseFile(document, settings);
    state.analysedVersion = document.version;
    state.stale = false;
    if (!analysed) return;
    const { result, elapsedMs } = analysed;
    for (const problem of result.problems) {
      if (problem.kind !== 'parse' && problem.kind !== 'skipped') this.options.connection.console.error(`${document.filePath}: ${problem.message}`);
    }
    // TypeScript already underlines a syntax error; keeping the last good findings
    // avoids flicker while the user is half-way through typing a statement.
    if (result.problems.some((problem) => problem.kind === 'parse')) return;

    const { locale, uriOf } = this.options;
    const entries = result.findings.map((finding) => ({ finding, diagnostic: toDiagnostic(finding, locale, uriOf) }));
    const extra: Diagnostic[] = [];
    const budgetMs = settings.analyzer.fileTimeBudgetMs;
    if (elapsedMs > budgetMs) {
      state.overBudget = true;
      const skippedRules = result.problems.flatMap((problem) => (problem.kind === 'skipped' ? (problem.rules ?? []) : []));
      extra.push(overBudgetDiagnostic(elapsedMs, budgetMs, skippedRules, locale));
      this.options.connection.console.warn(
        `${document.filePath} took ${Math.round(elapsedMs)} ms to analyse (budget ${budgetMs} ms); re-checked on save only.`,
      );
    }
    this.publish(uri, state, { version: document.version, entries }, extra);
  }

  private analyseFile(document: OpenDocument, settings: ServerSettings): { result: AnalysisResult; elapsedMs: number } | undefined {
    try {
      const sourceFile = this.options.projects.sourceFileOf(document.filePath);
      if (!sourceFile) {
        this.options.connection.console.warn(`${document.filePath} is not analysed: ${this.options.projects.parseFailure(document.filePath)}`);
        return undefined;
      }
      // Building the program and the checker is the project's cost, shared by every file
      // after an edit; only what follows counts against this file's budget.
      // (ts-morph creates both lazily, on first use of `compilerObject`.)
      sourceFile.getProject().getProgram().compilerObject.getTypeChecker();
      const started = performance.now();
      const result = analyzeFile(sourceFile, settings.analyzer);
      return { result, elapsedMs: performance.now() - started };
    } catch (error) {
      this.options.connection.console.error(
        `Could not analyse ${document.filePath}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return undefined;
    }
  }

  private publish(uri: string, state: DocumentState, published: PublishedFindings, extra: Diagnostic[]): void {
    state.published = published;
    void this.options.connection.sendDiagnostics({
      uri,
      version: published.version,
      diagnostics: [...published.entries.map((entry) => entry.diagnostic), ...extra],
    });
  }

  private state(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) {
      state = { stale: true, overBudget: false };
      this.states.set(uri, state);
    }
    return state;
  }
}
