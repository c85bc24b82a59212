// The extension, as thin as vscode-eslint's: it starts the language server, passes it the
// display language, forwards file changes and handles the commands. Analysis never runs in
// the extension host, so a slow file cannot freeze the editor; this bundle must not pull
// in the analyzer (a test checks that it contains no ts-morph).
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { Commands, type CardTarget, type InitializationOptions } from '../server/protocol';
import { KitchenView } from './kitchenView';
import { RestartPolicy } from './restartPolicy';

const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Kitchen Sync', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const restarts = new RestartPolicy(MAX_RESTARTS, RESTART_WINDOW_MS);
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'),
    vscode.workspace.createFileSystemWatcher('**/tsconfig*.json'),
    vscode.workspace.createFileSystemWatcher('**/{kitchen-sync.config.json,package.json}'),
  ];
  const initializationOptions: InitializationOptions = { locale: vscode.env.language };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: { fileEvents: watchers },
    initializationOptions,
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // Hovers link to the whole card; a hover may run this one command and no other.
    markdown: { isTrusted: { enabledCommands: [Commands.openCard] } },
    errorHandler: {
      // The server is a child process on an IPC channel, so a transport error means it is dead
      // or dying, and its close event follows. The library's default shuts the client down once
      // the error count passes three, and each failed write counts twice: two messages sent
      // into a dying server are enough, and a client shut down that way is never restarted.
      // So errors only continue, and the close handler alone decides about the restart.
      error: () => ({ action: ErrorAction.Continue }),
      // A restart re-sends every open document, unsaved text included, to the new server.
      closed: () =>
        restarts.shouldRestart(Date.now())
          ? { action: CloseAction.Restart }
          : {
              action: CloseAction.DoNotRestart,
              message: vscode.l10n.t(
                'The Kitchen Sync server stopped {0} times in the last {1} minutes and will not be restarted. Its output channel says why; "Kitchen Sync: Restart Server" starts it again.',
                MAX_RESTARTS + 1,
                RESTART_WINDOW_MS / 60_000,
              ),
            },
    },
  };
  const languageClient = new LanguageClient('kitchenSync', 'Kitchen Sync', serverOptions, clientOptions);
  client = languageClient;
  const kitchenView = new KitchenView(languageClient);
  context.subscriptions.push(
    outputChannel,
    kitchenView,
    ...watchers,
    vscode.commands.registerCommand(Commands.restartServer, () => languageClient.restart()),
    vscode.commands.registerCommand(Commands.showOutputChannel, () => outputChannel.show()),
    vscode.commands.registerCommand(Commands.openCard, (target: CardTarget) => kitchenView.show(target)),
    vscode.commands.registerCommand(Commands.showRuleDocumentation, (url: unknown) =>
      typeof url === 'string' ? vscode.env.openExternal(vscode.Uri.parse(url)) : undefined,
    ),
  );
  await languageClient.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
