// The examples in the rule pages are run through their rule, as typescript-eslint checks its
// docs: a block fenced as ```ts incorrect must be reported by the page's rule (on the lines
// marked `// reported`, when some are), and a block fenced as ```ts correct must not be.
// Each block is compiled with the page's prelude (the declarations it leaves out, below) and
// must type-check; a block of statements runs as the body of an async function.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project, ts } from 'ts-morph';
import { analyzeFile, withDefaults } from '../../src/core';
import { EXAMPLE_PRELUDES } from './examplePreludes';

const DOCS = path.join(__dirname, '..', '..', 'docs', 'rules');
const FENCE = /^```ts (incorrect|correct)\n([\s\S]*?)^```$/gm;
const REPORTED = /\/\/ reported\b/;

interface Example {
  kind: 'incorrect' | 'correct';
  code: string;
  /** One-based line of the block's first line of code in the page. */
  line: number;
}

function examplesOf(page: string): Example[] {
  return [...page.matchAll(FENCE)].map((match) => ({
    kind: match[1] as Example['kind'],
    code: match[2],
    line: page.slice(0, match.index).split('\n').length + 1,
  }));
}

/**
 * A block with an import, an export or a declaration of a function, class, interface or type is
 * a module; a block of statements alone becomes the body of an async function.
 */
function moduleOf(code: string): { text: string; firstLine: number } {
  const statements = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest).statements;
  const isModule = statements.some(
    (s) =>
      ts.isImportDeclaration(s) ||
      ts.isFunctionDeclaration(s) ||
      ts.isClassDeclaration(s) ||
      ts.isInterfaceDeclaration(s) ||
      ts.isTypeAliasDeclaration(s) ||
      ts.isExportDeclaration(s) ||
      (ts.canHaveModifiers(s) && !!ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
  );
  return isModule ? { text: code, firstLine: 1 } : { text: `export async function example(): Promise<void> {\n${code}}\n`, firstLine: 2 };
}

// One project for every example, with the fixtures' compiler options and package (an
// application's, not this repository's, which declares a command-line tool): its files exist
// only in memory, and imports resolve against this repository's node_modules.
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const project = new Project({ tsConfigFilePath: path.join(FIXTURES, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });

function analyse(rule: string, example: Example, index: number) {
  const prelude = EXAMPLE_PRELUDES[rule] ?? '';
  const { text, firstLine } = moduleOf(example.code);
  const preludeLines = prelude === '' ? 0 : prelude.split('\n').length - 1;
  const sourceFile = project.createSourceFile(path.join(FIXTURES, 'docs-examples', `${rule}-${index}.ts`), prelude + text, { overwrite: true });
  try {
    const result = analyzeFile(sourceFile, withDefaults({ fileTimeBudgetMs: Number.POSITIVE_INFINITY }));
    assert.deepEqual(result.problems, []);
    const typeErrors = sourceFile
      .getPreEmitDiagnostics()
      .filter((d) => d.getCategory() === ts.DiagnosticCategory.Error)
      .map((d) => `${(d.getLineNumber() ?? 0) - preludeLines - firstLine + 1}: ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n')}`);
    // Lines of the block, one-based, whichever way it was wrapped.
    const lines = result.findings.filter((f) => f.ruleId === rule).map((f) => f.range.start.line + 1 - preludeLines - firstLine + 1);
    return { typeErrors, lines };
  } finally {
    project.removeSourceFile(sourceFile);
  }
}

const pages = fs
  .readdirSync(DOCS)
  .filter((file) => file.endsWith('.md'))
  .map((file) => ({ rule: file.replace(/\.md$/, ''), page: fs.readFileSync(path.join(DOCS, file), 'utf8') }));

describe('rule pages: the examples, run through their rule', () => {
  it('has an incorrect and a correct example on the page of every rule that reports code', () => {
    const reportsCode = pages.filter(({ rule }) => !rule.endsWith('-suppression'));
    const missing = reportsCode
      .filter(({ page }) => {
        const kinds = new Set(examplesOf(page).map((e) => e.kind));
        return !kinds.has('incorrect') || !kinds.has('correct');
      })
      .map(({ rule }) => rule);
    assert.deepEqual(missing, []);
  });

  for (const { rule, page } of pages) {
    examplesOf(page).forEach((example, index) => {
      it(`${rule}.md:${example.line}: ${example.kind}`, () => {
        const { typeErrors, lines } = analyse(rule, example, index);
        assert.deepEqual(typeErrors, [], 'the example type-checks with the page prelude');
        if (example.kind === 'correct') {
          assert.deepEqual(lines, [], `${rule} stays silent`);
          return;
        }
        const marked = example.code.split('\n').flatMap((text, i) => (REPORTED.test(text) ? [i + 1] : []));
        assert.ok(lines.length > 0, `${rule} reports the example`);
        if (marked.length > 0)
          assert.deepEqual(
            [...new Set(lines)].sort((a, b) => a - b),
            marked,
            'reported on the lines marked `// reported`',
          );
      });
    });
  }
});
