import * as assert from 'node:assert/strict';
import { inCorpus, newErrors } from '../../bench/fixSafety';

describe('bench: new type errors after the fixes', () => {
  const before = [
    "src/Runtime.ts(226,11): error TS2322: Type 'import(\"/scratch/effect/src/Fiber\").Fiber<unknown>' is not assignable to type 'Fiber<unknown>'.",
    "src/a.ts(3,1): error TS2304: Cannot find name 'x'.",
  ];

  it('knows an error by its file, code and message, wherever the corpus was copied and whichever line it moved to', () => {
    const after = [
      "src/Runtime.ts(230,11): error TS2322: Type 'import(\"/scratch/fixed-effect/src/Fiber\").Fiber<unknown>' is not assignable to type 'Fiber<unknown>'.",
      "src/a.ts(4,1): error TS2304: Cannot find name 'x'.",
    ];
    assert.deepEqual(newErrors(before.map(inCorpus('/scratch/effect')), after.map(inCorpus('/scratch/fixed-effect'))), []);
  });

  it('counts a second identical error, and a different one, as new', () => {
    const after = [
      ...before,
      "src/a.ts(9,1): error TS2304: Cannot find name 'x'.",
      "src/b.ts(1,1): error TS2322: Type 'string' is not assignable to type 'number'.",
    ];
    assert.deepEqual(newErrors(before, after), [after[2], after[3]]);
  });
});
