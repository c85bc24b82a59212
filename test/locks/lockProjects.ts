// Small projects for the lock analysis tests, built in memory. `withTypes` places the files
// beside this test, so 'async-mutex' resolves to the installed package and its types;
// without it the files live in an in-memory file system where no package resolves, as in
// a workspace whose node_modules is missing.
import * as path from 'node:path';
import { Project, ts } from 'ts-morph';
import { analyzeFile, withDefaults, type AnalyzerSettings, type Finding } from '../../src/core';

const VIRTUAL_ROOT = path.join(__dirname, 'virtual-workspace');

export interface LockProject {
  project: Project;
  path(name: string): string;
  /** Findings of the given rules in one file. */
  findings(name: string, ruleIds: readonly string[], settings?: Partial<AnalyzerSettings>): Finding[];
}

export function lockProject(files: Record<string, string>, options: { withTypes: boolean }): LockProject {
  const root = options.withTypes ? VIRTUAL_ROOT : '/workspace';
  const project = new Project({
    useInMemoryFileSystem: !options.withTypes,
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      strict: true,
      allowJs: true,
      skipLibCheck: true,
      noEmit: true,
    },
  });
  for (const [name, text] of Object.entries(files)) project.createSourceFile(path.posix.join(root, name), text);
  const filePath = (name: string): string => path.posix.join(root, name);
  return {
    project,
    path: filePath,
    findings(name, ruleIds, settings) {
      const result = analyzeFile(project.getSourceFileOrThrow(filePath(name)), withDefaults(settings));
      return result.findings.filter((f) => ruleIds.includes(f.ruleId));
    },
  };
}

/** `rule-id line:column` of each finding, 1-based lines, for compact assertions. */
export function positions(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character}`);
}
