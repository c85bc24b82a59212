import * as assert from 'node:assert/strict';
import { isTestPath } from '../../src/core/testFiles';

describe('test support code counts as tests', () => {
  const paths: Array<[string, boolean]> = [
    ['packages/lib/testing/test-utils.ts', true],
    ['packages/lib/testing/syncTargetUtils.ts', true],
    ['packages/server/src/utils/testing/shareApiUtils.ts', true],
    ['src/test-utils/render.tsx', true],
    ['src/test-utils.ts', true],
    ['src/test-utils-synchronizer.ts', true],
    ['src/utils/testUtils.ts', true],
    ['src/services/e2ee/ppkTestUtils.ts', true],
    ['src/testHelpers.js', true],
    ['src/testing.ts', false],
    ['src/apptesting/parseTestFiles.ts', false],
    ['src/contestUtils.ts', false],
    ['src/utils/test-utilsx.ts', false],
  ];
  for (const [file, expected] of paths) {
    it(`${expected ? 'treats' : 'does not treat'} ${file} as a test file`, () => {
      assert.equal(isTestPath(file), expected);
    });
  }
});
