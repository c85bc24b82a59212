// Which tsconfig.json's program a file belongs to, as tsc sees it: the nearest tsconfig.json
// above the file when its program includes the file, else a project it references (a
// solution-style tsconfig with `"files": []` and `references`, as Vite, Nx and many
// monorepos have), followed to any depth. A file no program includes (build output in
// `outDir`, an `exclude`d folder) belongs to none.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { Problem } from './finding';

export interface ParsedTsconfig {
  tsconfig: string;
  /** Undefined when the file cannot be read or parsed at all. */
  parsed: ts.ParsedCommandLine | undefined;
  /** The files its program includes, resolved. */
  owned: Set<string>;
  /**
   * The files its `include`, `files` and `exclude` take, JavaScript too: a project without
   * `allowJs` still claims the .js files beside its sources, which are analysed (not
   * type-checked) as they always were; build output and excluded folders it does not claim.
   */
  claimed: Set<string>;
  /** The tsconfig.json files of the projects it references. */
  references: string[];
}

/** Parses each tsconfig.json once, and reports its problems once. */
export class TsconfigReader {
  private readonly parsedByPath = new Map<string, ParsedTsconfig>();

  constructor(private readonly report: (problem: Problem) => void) {}

  read(tsconfig: string): ParsedTsconfig {
    let entry = this.parsedByPath.get(tsconfig);
    if (!entry) {
      entry = parseTsconfig(tsconfig, this.report);
      this.parsedByPath.set(tsconfig, entry);
    }
    return entry;
  }

  /**
   * The tsconfig.json whose program includes `file`, starting from the nearest one: itself,
   * or one of the projects it references. Undefined when none includes it.
   */
  owner(nearest: string, file: string, seen = new Set<string>()): ParsedTsconfig | undefined {
    if (seen.has(nearest)) return undefined;
    seen.add(nearest);
    const config = this.read(nearest);
    if (config.claimed.has(file)) return config;
    for (const reference of config.references) {
      const found = this.owner(reference, file, seen);
      if (found) return found;
    }
    return undefined;
  }
}

function parseTsconfig(tsconfig: string, report: (problem: Problem) => void): ParsedTsconfig {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined };
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, host);
  if (!parsed) {
    report({ kind: 'config', file: tsconfig, message: `Could not read ${tsconfig}; analysing its files with default options.` });
    return { tsconfig, parsed: undefined, owned: new Set(), claimed: new Set(), references: [] };
  }
  for (const diagnostic of parsed.errors) {
    // "No inputs were found" is normal for a solution-style tsconfig, or a sub-folder asked for.
    if (diagnostic.code === 18003) continue;
    report({ kind: 'config', file: tsconfig, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') });
  }
  const references = (parsed.projectReferences ?? []).map((reference) => path.resolve(ts.resolveProjectReferencePath(reference)));
  const owned = new Set(parsed.fileNames.map((f) => path.resolve(f)));
  const withJs = parsed.options.allowJs ? parsed : ts.getParsedCommandLineOfConfigFile(tsconfig, { allowJs: true }, host);
  const claimed = new Set([...owned, ...(withJs?.fileNames ?? []).map((f) => path.resolve(f))]);
  return { tsconfig, parsed, owned, claimed, references };
}
