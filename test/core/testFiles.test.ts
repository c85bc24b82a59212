import * as assert from 'node:assert/strict';
import { isTestPath } from '../../src/core/testFiles';

// Which paths are tests: the await rules and the event-loop entry points leave them alone.
describe('test files and test support code', () => {
  const paths: Array<[string, boolean]> = [
    ['src/cache.test.ts', true],
    ['src/cache.spec.tsx', true],
    ['src/__tests__/cache.ts', true],
    ['test/cache.ts', true],
    ['packages/api/tests/cache.mjs', true],
    ['e2e/login.ts', true],
    ['src/app/workflow.controller.e2e.ts', true],
    ['test/app.e2e-spec.ts', true],
    ['src/e2e-helpers.ts', false],
    ['src/testing.ts', false],
    ['src/latest/cache.ts', false],
    ['src/contest.test-data.ts', false],
    ['packages/lib/testing/test-utils.ts', true],
    ['packages/lib/testing/syncTargetUtils.ts', true],
    ['packages/server/src/utils/testing/shareApiUtils.ts', true],
    ['src/test-utils/render.tsx', true],
    ['src/test-utils.ts', true],
    ['src/test-utils-synchronizer.ts', true],
    ['src/utils/testUtils.ts', true],
    ['src/services/e2ee/ppkTestUtils.ts', true],
    ['src/testHelpers.js', true],
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
