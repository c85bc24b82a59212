import * as assert from 'node:assert/strict';
import { applyFixesToFiles, type Fix, type TextEdit } from '../../src/core';
import { fixTitle } from '../../src/core/templateText';

const at = (file: string, line: number, character: number, newText: string, endCharacter = character): TextEdit => ({
  file,
  range: { start: { line, character }, end: { line, character: endCharacter } },
  newText,
});

describe('applyFixesToFiles', () => {
  const disk = new Map([
    ['/a.ts', 'const x = compute();\n'],
    ['/b.ts', 'export {};\n'],
  ]);
  const read = (file: string): string | undefined => disk.get(file);

  it('applies a fix across files and creates the file it declares', () => {
    const fix: Fix = {
      ...fixTitle('Move'),
      isPreferred: false,
      createFiles: ['/c.ts'],
      edits: [at('/a.ts', 0, 10, 'await run()', 19), at('/c.ts', 0, 0, 'export function run() {}\n')],
    };
    const { files, created, applied } = applyFixesToFiles([fix], read);
    assert.deepEqual(applied, [fix]);
    assert.deepEqual(created, ['/c.ts']);
    assert.deepEqual(
      [...files],
      [
        ['/a.ts', 'const x = await run();\n'],
        ['/c.ts', 'export function run() {}\n'],
      ],
    );
  });

  it('skips a fix that edits a missing file it does not create', () => {
    const fix: Fix = { ...fixTitle('Stale'), isPreferred: false, edits: [at('/a.ts', 0, 0, '// x\n'), at('/gone.ts', 0, 0, 'x')] };
    assert.deepEqual(applyFixesToFiles([fix], read), { files: new Map(), created: [], applied: [] });
  });

  it('never overwrites an existing file, and creates a file only once', () => {
    const clobber: Fix = { ...fixTitle('Clobber'), isPreferred: false, createFiles: ['/b.ts'], edits: [at('/b.ts', 0, 0, 'x')] };
    assert.deepEqual(applyFixesToFiles([clobber], read).applied, []);
    const first: Fix = { ...fixTitle('First'), isPreferred: false, createFiles: ['/c.ts'], edits: [at('/c.ts', 0, 0, 'one\n')] };
    const second: Fix = { ...fixTitle('Second'), isPreferred: false, createFiles: ['/c.ts'], edits: [at('/c.ts', 0, 0, 'two\n')] };
    const { files, applied } = applyFixesToFiles([first, second], read);
    assert.deepEqual(applied, [first]);
    assert.equal(files.get('/c.ts'), 'one\n');
  });

  it('takes a fix whole or not at all: an overlap in one file drops its edits in the others', () => {
    const first: Fix = { ...fixTitle('First'), isPreferred: true, edits: [at('/a.ts', 0, 10, 'one()', 19)] };
    const second: Fix = { ...fixTitle('Second'), isPreferred: true, edits: [at('/b.ts', 0, 0, '// second\n'), at('/a.ts', 0, 10, 'two()', 19)] };
    const { files, applied } = applyFixesToFiles([first, second], read);
    assert.deepEqual(applied, [first]);
    assert.deepEqual([...files], [['/a.ts', 'const x = one();\n']]);
  });
});
