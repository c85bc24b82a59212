import * as assert from 'node:assert/strict';
import { Project } from 'ts-morph';
import { applyEdits, disableForFileFix, disableForLineFix, parseDirectives, type Finding } from '../../src/core';

function findingAt(line: number, ruleId = 'sequential-await'): Finding {
  const range = { start: { line, character: 2 }, end: { line, character: 10 } };
  return {
    ruleId,
    file: '/x.ts',
    range,
    severity: 'warning',
    message: '',
    messageId: 'm',
    data: {},
    related: [],
    fixes: [],
    explanation: { card: 'suppression', directive: '' },
    experimental: false,
  };
}

function applyFix(text: string, fix: ReturnType<typeof disableForLineFix>): string {
  return applyEdits(text, fix.edits).text;
}

describe('suppression directives', () => {
  it('parses next-line and file directives with their rule ids and reasons', () => {
    const project = new Project({ useInMemoryFileSystem: true });
    const sf = project.createSourceFile(
      '/a.ts',
      "/* kitchen-sync-disable lock-order -- reviewed */\n// kitchen-sync-disable-next-line sequential-await, await-in-loop -- order matters\nconst s = '// kitchen-sync-disable-next-line x';\n",
    );
    const directives = parseDirectives(sf);
    assert.deepEqual(
      directives.map((d) => [d.kind, d.rules.map((r) => r.id), d.reason, d.targetLine]),
      [
        ['file', ['lock-order'], 'reviewed', 1],
        ['next-line', ['sequential-await', 'await-in-loop'], 'order matters', 2],
      ],
    );
    assert.deepEqual(directives[1].rules[1].range, { start: { line: 1, character: 52 }, end: { line: 1, character: 65 } });
  });

  it('"disable for this line" inserts a directive indented like the line', () => {
    const text = 'async function f() {\n  await a();\n}\n';
    assert.equal(
      applyFix(text, disableForLineFix(text, findingAt(1))),
      'async function f() {\n  // kitchen-sync-disable-next-line sequential-await\n  await a();\n}\n',
    );
  });

  it('"disable for this line" joins a directive already above the line', () => {
    const text = 'async function f() {\n  // kitchen-sync-disable-next-line await-in-loop -- paced\n  await a();\n}\n';
    assert.equal(
      applyFix(text, disableForLineFix(text, findingAt(2))),
      'async function f() {\n  // kitchen-sync-disable-next-line await-in-loop, sequential-await -- paced\n  await a();\n}\n',
    );
  });

  it('"disable for the entire file" keeps a shebang first and the file newline style', () => {
    const text = '#!/usr/bin/env node\r\nawait a();\r\n';
    assert.equal(applyFix(text, disableForFileFix(text, findingAt(1))), '#!/usr/bin/env node\r\n/* kitchen-sync-disable sequential-await */\r\nawait a();\r\n');
  });
});
