// Settings per document, pulled with `workspace/configuration` (so a folder can override
// the user's settings) and cached until the client says they changed. A client that cannot
// answer pulls pushes them with `didChangeConfiguration` instead.
import type { Connection } from 'vscode-languageserver/node';
import { CONFIGURATION_SECTION } from './protocol';
import { toServerSettings, type ServerSettings } from './serverSettings';

export class WorkspaceSettings {
  private readonly byDocument = new Map<string, Promise<ServerSettings>>();
  private pushed = toServerSettings(undefined);

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
  ) {}

  forDocument(uri: string): Promise<ServerSettings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let settings = this.byDocument.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: CONFIGURATION_SECTION }).then(toServerSettings, (error: unknown) => {
        this.connection.console.error(`Could not read the ${CONFIGURATION_SECTION} settings: ${String(error)}; using the defaults.`);
        return toServerSettings(undefined);
      });
      this.byDocument.set(uri, settings);
    }
    return settings;
  }

  /** `didChangeConfiguration`: forget what was pulled; take what was pushed. */
  changed(pushedSettings: unknown): void {
    this.byDocument.clear();
    if (!this.canPull) {
      const all = typeof pushedSettings === 'object' && pushedSettings !== null ? (pushedSettings as Record<string, unknown>) : {};
      this.pushed = toServerSettings(all[CONFIGURATION_SECTION]);
    }
  }

  forget(uri: string): void {
    this.byDocument.delete(uri);
  }
}
