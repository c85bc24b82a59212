// The first file opened in a project pays for reading the project and building its type
// checker: seconds on a real application, during which no squiggle can appear. That work is
// reported as progress ("Kitchen Sync: Type-checking 1,240 files" in the status bar), so the
// wait is visible. Later files of the same project find it loaded and report nothing.
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { Connection } from 'vscode-languageserver/node';
import { inLocale, type Locale } from '../explain';
import type { WorkspaceProjects } from './workspaceProjects';

export class ProjectLoading {
  /** One load at a time: two files of a new project opened together share one progress. */
  private running: Promise<void> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly projects: WorkspaceProjects,
    private readonly locale: Locale,
  ) {}

  /** Loads the project that owns `filePath`, with progress, unless it is loaded already. */
  async ensureLoaded(filePath: string): Promise<void> {
    while (this.running) await this.running;
    if (this.projects.isLoaded(filePath)) return;
    this.running = this.load(filePath).finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  private async load(filePath: string): Promise<void> {
    // A client that fails to create the progress still gets the project loaded, in silence.
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin(
      'Kitchen Sync',
      undefined,
      this.say(() => l10n.t('Reading the project of {0}', path.basename(filePath))),
    );
    try {
      // The work below is synchronous: the message must leave before it starts.
      await nextTurn();
      const sourceFile = this.projects.sourceFileOf(filePath);
      if (!sourceFile) return;
      const project = sourceFile.getProject();
      progress?.report(this.say(() => l10n.t('Type-checking {0} files', project.getSourceFiles().length.toLocaleString('en-US'))));
      await nextTurn();
      project.getProgram().compilerObject.getTypeChecker();
    } catch {
      // The analysis that follows meets the same failure and logs it with the file's name.
    } finally {
      progress?.done();
    }
  }

  private say(message: () => string): string {
    return inLocale(this.locale, message);
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
