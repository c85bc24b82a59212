// Settings per document: the project's configuration file (the nearest
// kitchen-sync.config.json or package.json "kitchenSync" key, as the CLI reads it), with the
// editor settings the user changed on top. The editor's are pulled with
// `workspace/configuration` (so a folder can override the user's settings) and cached until
// the client says they changed; a client that cannot answer pulls pushes them with
// `didChangeConfiguration` instead.
import type { Connection } from 'vscode-languageserver/node';
import { ConfigError, ConfiguredSettings, withDefaults } from '../core';
import { CONFIGURATION_SECTION } from './protocol';
import { editorLayer, toServerSettings, type ServerSettings } from './serverSettings';

export class WorkspaceSettings {
  private readonly byDocument = new Map<string, Promise<ServerSettings>>();
  private pushed = toServerSettings(undefined);
  private readonly configured = new ConfiguredSettings();
  /** Configuration errors already logged: one line per broken file, not one per keystroke. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    /** The file an open document is, or undefined for an untitled one, which no configuration file covers. */
    private readonly filePathOf: (uri: string) => string | undefined,
  ) {}

  async forDocument(uri: string): Promise<ServerSettings> {
    const editor = await this.editorSettings(uri);
    const filePath = this.filePathOf(uri);
    if (filePath === undefined) return editor;
    const base = withDefaults({ fileTimeBudgetMs: editor.analyzer.fileTimeBudgetMs });
    try {
      const { settings, ignored } = this.configured.forFile(filePath, editorLayer(editor.analyzer), base);
      // A file the configuration ignores is treated as if the extension were off for it.
      return { enable: editor.enable && !ignored, analyzer: settings };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (!this.reported.has(error.message)) {
        this.reported.add(error.message);
        this.connection.console.error(`${error.message} Using the editor settings alone until it is fixed.`);
      }
      return editor;
    }
  }

  /** `didChangeConfiguration`: forget what was pulled; take what was pushed. */
  changed(pushedSettings: unknown): void {
    this.byDocument.clear();
    if (!this.canPull) {
      const all = typeof pushedSettings === 'object' && pushedSettings !== null ? (pushedSettings as Record<string, unknown>) : {};
      this.pushed = toServerSettings(all[CONFIGURATION_SECTION]);
    }
  }

  /** A configuration file (or a package.json, which may hold one) was created, changed or deleted. */
  configFileChanged(): void {
    this.configured.forget();
    this.reported.clear();
  }

  forget(uri: string): void {
    this.byDocument.delete(uri);
  }

  private editorSettings(uri: string): Promise<ServerSettings> {
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
}
