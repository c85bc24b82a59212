// The Kitchen Sync language server: all analysis in the editor happens in this process,
// started by the client over IPC (or `--stdio`, as the tests and other editors use it).
// This file wires LSP events to the parts that do the work:
//   workspaceProjects  the ts-morph projects, with open documents overlaid on the disk
//   analysisScheduler  when to analyse (debounced, latest edit wins)
//   liveDiagnostics    analyse, publish, and remember the findings behind each diagnostic
//   findingHover, codeActions  answered from those remembered findings
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  createConnection,
  type CodeAction,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../core';
import { parseLocale, type Locale } from '../explain';
import { AnalysisScheduler, type AnalysisReason } from './analysisScheduler';
import { fixAllSourceAction, kindRequested, quickFixes, type CodeActionContext } from './codeActions';
import { documentPath, fileUri, isUntitledPath } from './documentPaths';
import { findingHover, wholeCard } from './findingHover';
import { LiveDiagnostics, type OpenDocument } from './liveDiagnostics';
import { ProjectLoading } from './projectLoading';
import { CONFIGURATION_SECTION, FIX_ALL_CODE_ACTION_KIND, Requests, type CardTarget, type InitializationOptions } from './protocol';
import { WorkspaceProjects } from './workspaceProjects';
import { WorkspaceSettings } from './workspaceSettings';

/** Long enough to wait out a burst of keystrokes, short enough to feel immediate. */
const DEFAULT_DEBOUNCE_MS = 200;
const TSCONFIG_NAME = /^tsconfig.*\.json$/i;
/** Files that hold the project's Kitchen Sync configuration (package.json only may). */
const CONFIG_NAMES = new Set([CONFIG_FILE_NAME, 'package.json']);

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
/** Analyzer paths of open documents by URI, and back. */
const pathByUri = new Map<string, string>();
const uriByPath = new Map<string, string>();
const log = (message: string): void => connection.console.log(message);

const projects = new WorkspaceProjects(log);
let locale: Locale = 'en';
let settings: WorkspaceSettings;
let live: LiveDiagnostics;
let scheduler: AnalysisScheduler;
let registerForSettingsChanges = false;

connection.onInitialize((params) => {
  // The client sends what `InitializationOptions` says; the protocol types it as any value.
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  locale = parseLocale(options.locale ?? params.locale ?? 'en');
  settings = new WorkspaceSettings(connection, params.capabilities.workspace?.configuration === true, (uri) => {
    const filePath = pathByUri.get(uri);
    return filePath === undefined || isUntitledPath(filePath) ? undefined : filePath;
  });
  registerForSettingsChanges = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  const loading = new ProjectLoading(connection, projects, locale);
  live = new LiveDiagnostics({ connection, projects, loading, document: openDocument, settingsFor: (uri) => settings.forDocument(uri), locale, uriOf });
  const debounceMs = typeof options.debounceMs === 'number' && options.debounceMs >= 0 ? options.debounceMs : DEFAULT_DEBOUNCE_MS;
  scheduler = new AnalysisScheduler(debounceMs, analyse, log);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_CODE_ACTION_KIND] },
    },
    serverInfo: { name: 'kitchen-sync' },
  };
});

connection.onInitialized(() => {
  // In the pull model the client tells about setting changes only to servers that register.
  if (registerForSettingsChanges) void connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIGURATION_SECTION });
});

async function analyse(uri: string, reason: AnalysisReason): Promise<void> {
  await live.analyse(uri);
  const filePath = pathByUri.get(uri);
  if (reason !== 'edited' || !filePath) return;
  // The edit may change what the files importing this one see: re-check the open ones.
  recheck(projects.openImportersOf(filePath).map(uriOf));
}

documents.onDidOpen(({ document }) => {
  const filePath = documentPath(document.uri, document.languageId);
  if (!filePath) return;
  pathByUri.set(document.uri, filePath);
  uriByPath.set(filePath, document.uri);
});

// Fires on open too, right after onDidOpen.
documents.onDidChangeContent(({ document }) => {
  const filePath = pathByUri.get(document.uri);
  if (!filePath) return;
  projects.setOverlay(filePath, document.getText());
  scheduler.documentEdited(document.uri);
});

documents.onDidSave(({ document }) => {
  if (live.retryIfOverBudget(document.uri)) scheduler.documentEdited(document.uri);
});

documents.onDidClose(({ document }) => {
  const filePath = pathByUri.get(document.uri);
  if (!filePath) return;
  pathByUri.delete(document.uri);
  uriByPath.delete(filePath);
  scheduler.forget(document.uri);
  settings.forget(document.uri);
  live.clear(document.uri);
  projects.removeOverlay(filePath);
  // Files importing it now see its text on disk, which may differ from the editor's.
  recheck(projects.openImportersOf(filePath).map(uriOf));
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  let tsconfigChanged = false;
  let configChanged = false;
  let filesAddedOrRemoved = false;
  const changedFiles: string[] = [];
  for (const change of changes) {
    const filePath = documentPath(change.uri, '');
    if (!filePath) continue;
    if (TSCONFIG_NAME.test(path.basename(filePath))) {
      tsconfigChanged = true;
    } else if (CONFIG_NAMES.has(path.basename(filePath))) {
      configChanged = true;
    } else if (change.type === FileChangeType.Created) {
      projects.fileCreated(filePath);
      filesAddedOrRemoved = true;
    } else if (change.type === FileChangeType.Deleted) {
      projects.fileDeleted(filePath);
      filesAddedOrRemoved = true;
    } else if (!uriByPath.has(filePath)) {
      // Saving an open document also reports a change; its text is already the editor's.
      projects.fileChanged(filePath);
      changedFiles.push(filePath);
    }
  }
  if (tsconfigChanged) projects.tsconfigChanged();
  if (configChanged) settings.configFileChanged();
  // A new or removed file can make an unresolved import resolve, or a resolved one break,
  // anywhere; both are rare, so every open document is re-checked.
  if (tsconfigChanged || configChanged || filesAddedOrRemoved) recheck(pathByUri.keys());
  else recheck(new Set(changedFiles.flatMap((filePath) => projects.openImportersOf(filePath).map(uriOf))));
});

connection.onDidChangeConfiguration(({ settings: pushed }) => {
  settings.changed(pushed);
  for (const uri of pathByUri.keys()) live.retryIfOverBudget(uri);
  recheck(pathByUri.keys());
});

connection.onHover(({ textDocument, position }) => {
  const published = live.published(textDocument.uri);
  return published ? findingHover(textDocument.uri, published, position, locale) : null;
});

connection.onRequest(Requests.wholeCard, (target: CardTarget) => wholeCard(live.published(target.uri), target, locale));

connection.onCodeAction(async ({ textDocument, range, context }, token): Promise<CodeAction[]> => {
  const { uri } = textDocument;
  const filePath = pathByUri.get(uri);
  if (!filePath) return [];
  const findings = await live.current(uri);
  const document = documents.get(uri);
  if (!findings || !document || document.version !== findings.version || token.isCancellationRequested) return [];
  const actionContext: CodeActionContext = { uri, filePath, text: document.getText(), findings, locale, locate };
  const actions: CodeAction[] = [];
  if (kindRequested(context.only, CodeActionKind.QuickFix)) actions.push(...quickFixes(actionContext, range));
  // Source actions only when asked for by kind (on save, or from the Source Action menu).
  if (context.only && kindRequested(context.only, FIX_ALL_CODE_ACTION_KIND)) {
    const fixAll = fixAllSourceAction(actionContext);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
});

connection.onShutdown(() => scheduler.dispose());

function recheck(uris: Iterable<string>): void {
  const list = [...uris];
  live.markStale(list);
  scheduler.recheck(list);
}

function openDocument(uri: string): OpenDocument | undefined {
  const document = documents.get(uri);
  const filePath = pathByUri.get(uri);
  return document && filePath ? { uri, filePath, version: document.version } : undefined;
}

function uriOf(filePath: string): string {
  return uriByPath.get(filePath) ?? fileUri(filePath);
}

function locate(filePath: string): { uri: string; version: number | null } {
  const uri = uriByPath.get(filePath);
  return uri ? { uri, version: documents.get(uri)?.version ?? null } : { uri: fileUri(filePath), version: null };
}

documents.listen(connection);
connection.listen();
