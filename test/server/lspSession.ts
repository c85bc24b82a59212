// Drives the bundled language server (dist/server.js) over stdio the way an editor does:
// initialize, open and edit documents, answer `workspace/configuration`, and record every
// `publishDiagnostics` and log message, so tests can wait for exactly the publish they expect.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  createMessageConnection,
  type CodeAction,
  type Command,
  type Diagnostic,
  type FileEvent,
  type Hover,
  type MessageConnection,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver/node';
import { Requests, type CardTarget, type WholeCard } from '../../src/server/protocol';

export const SERVER_BUNDLE = path.join(__dirname, '..', '..', 'dist', 'server.js');

export interface SessionOptions {
  workspace: string;
  /** The `kitchenSync` settings section the session answers with; change it with `changeSettings`. */
  settings?: Record<string, unknown>;
  locale?: string;
  /** The server's quiet time after an edit. Short, to keep tests fast, but long enough to coalesce a burst. */
  debounceMs?: number;
}

interface Waiter {
  uri: string;
  accept: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
}

export class LspSession {
  /** Every publish, in order of arrival. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Every work-done progress the server reported, in order of arrival, each with the token it created. */
  readonly progress: Array<{ token: string | number; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }> = [];
  readonly logs: string[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly consumed = new Map<string, number>();
  private settings: Record<string, unknown>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: SessionOptions): Promise<LspSession> {
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const session = new LspSession(child, connection, options.settings ?? {});
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => session.onPublish(params));
    connection.onNotification(LogMessageNotification.type, ({ message }) => {
      session.logs.push(message);
    });
    connection.onRequest(ConfigurationRequest.type, ({ items }) => items.map((item) => (item.section === 'kitchenSync' ? session.settings : null)));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      connection.onProgress(WorkDoneProgress.type, token, (value) => {
        session.progress.push({ token, value });
      });
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(options.workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(options.workspace).href, name: 'workspace' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
      },
      initializationOptions: { locale: options.locale ?? 'en', debounceMs: options.debounceMs ?? 100 },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    child.on('exit', (code) => {
      if (code && code !== 0) session.logs.push(`server exited with ${code}: ${stderr.join('')}`);
    });
    return session;
  }

  uri(filePath: string): string {
    return pathToFileURL(filePath).href;
  }

  async open(uri: string, text: string, version = 1, languageId = 'typescript'): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text; the server keeps documents in sync incrementally, and a full replacement is one such change. */
  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  wholeCard(target: CardTarget): Promise<WholeCard | null> {
    return this.connection.sendRequest(Requests.wholeCard, target);
  }

  async codeActions(uri: string, range: Range, only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [], only } });
    return (result ?? []).filter((action): action is CodeAction => !isCommand(action));
  }

  /**
   * The next publish for `uri` that `accept` takes, skipping (and consuming) the ones
   * before it. Publishes that arrived before the call count too, so a fast server cannot
   * slip past a test.
   */
  diagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 30_000): Promise<PublishDiagnosticsParams> {
    const from = this.consumed.get(uri) ?? 0;
    for (let index = from; index < this.published.length; index++) {
      const params = this.published[index];
      if (params.uri === uri && accept(params)) {
        this.consumed.set(uri, index + 1);
        return Promise.resolve(params);
      }
    }
    this.consumed.set(uri, this.published.length);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        const seen = this.published
          .filter((p) => p.uri === uri)
          .map((p) => `v${p.version}: ${p.diagnostics.map((d) => d.code ?? diagnosticText(d)).join(', ')}`);
        reject(new Error(`No matching diagnostics for ${uri} within ${timeoutMs} ms. Published: [${seen.join(' | ')}]. Log:\n${this.logs.join('\n')}`));
      }, timeoutMs);
      const waiter: Waiter = {
        uri,
        accept,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Publishes for `uri` so far, oldest first. */
  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((params) => params.uri === uri);
  }

  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Shuts the server down politely, and kills it if it does not go within a second. */
  async dispose(): Promise<void> {
    if (!this.isRunning) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const killTimer = setTimeout(() => this.child.kill('SIGKILL'), 1_000);
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), exited]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.child.kill('SIGKILL');
    }
    await exited;
    clearTimeout(killTimer);
    this.connection.dispose();
  }

  private onPublish(params: PublishDiagnosticsParams): void {
    this.published.push(params);
    const index = this.waiters.findIndex((waiter) => waiter.uri === params.uri && waiter.accept(params));
    if (index < 0) return;
    const [waiter] = this.waiters.splice(index, 1);
    this.consumed.set(params.uri, this.published.length);
    waiter.resolve(params);
  }
}

function isCommand(action: CodeAction | Command): action is Command {
  return typeof (action as Command).command === 'string';
}

/** A diagnostic's message as text: the protocol allows Markdown too. */
export function diagnosticText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** A scratch workspace on disk, removed by `dispose`. */
export function createWorkspace(files: Record<string, string>): {
  root: string;
  file(relative: string): string;
  write(relative: string, text: string): string;
  dispose(): void;
} {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kitchen-sync-lsp-')));
  const write = (relative: string, text: string): string => {
    const full = path.join(root, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    return full;
  };
  for (const [relative, text] of Object.entries(files)) write(relative, text);
  return { root, file: (relative) => path.join(root, relative), write, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/**
 * Fails clearly when the bundle is missing or older than the server's own sources: the
 * tests would run yesterday's server. (`npm test` always builds first; this catches a
 * server edit followed by a bare mocha run.)
 */
export type Workspace = ReturnType<typeof createWorkspace>;

/**
 * For a `describe` whose tests share one language server on one workspace: checks the bundle,
 * writes the files and starts the server before the tests, and stops both after them. The
 * returned object's fields are set once its `before` hook has run.
 */
export function serverOnWorkspace(
  files: Record<string, string>,
  options: Omit<SessionOptions, 'workspace'> = {},
): { session: LspSession; workspace: Workspace } {
  const server = {} as { session: LspSession; workspace: Workspace };
  before(async () => {
    assertServerBundleFresh();
    server.workspace = createWorkspace(files);
    server.session = await LspSession.start({ ...options, workspace: server.workspace.root });
  });
  after(async () => {
    await server.session?.dispose();
    server.workspace?.dispose();
  });
  return server;
}

export function assertServerBundleFresh(): void {
  const serverSources = path.join(__dirname, '..', '..', 'src', 'server');
  if (!fs.existsSync(SERVER_BUNDLE)) throw new Error('dist/server.js is missing: run `npm run build` first.');
  const built = fs.statSync(SERVER_BUNDLE).mtimeMs;
  const newer = fs.readdirSync(serverSources).filter((file) => fs.statSync(path.join(serverSources, file)).mtimeMs > built);
  if (newer.length > 0) throw new Error(`dist/server.js is older than src/server/${newer[0]}: run \`npm run build\` first.`);
}
