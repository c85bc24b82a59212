// Which files are tests. Tests repeat calls one after another on purpose (to check a
// cache, a rate limiter, the order of a sequence), so the await rules leave them alone
// unless `awaitRulesInTests` is on. The helpers tests share (a `testing/` folder,
// `test-utils.ts`) count too: they build fixtures in order, for tests only.
import * as path from 'node:path';
import type { SourceFile } from 'ts-morph';

const TEST_FILE_NAME = /\.(test|spec|e2e|e2e-spec)\.[cm]?[jt]sx?$/;
/** Test support code: `test-utils.ts`, `test-utils-synchronizer.ts`, `testUtils.ts`, `ppkTestUtils.ts`, `testHelpers.ts`. */
const TEST_SUPPORT_NAME = /^(test-utils(-[\w-]+)?|(\w*T|t)estUtils|testHelpers)\.[cm]?[jt]sx?$/;
const TEST_DIRECTORIES = new Set(['__tests__', 'test', 'tests', 'e2e', 'testing', 'test-utils']);

/**
 * Whether a path names a test file: `*.test.ts`, `*.spec.ts`, `*.e2e.ts` (NestJS's
 * `*.e2e-spec.ts` too), test support code (`test-utils.ts`, `testUtils.ts`,
 * `testHelpers.ts`), or a file under a `__tests__`, `test`, `tests`, `e2e`, `testing`
 * or `test-utils` directory.
 */
export function isTestPath(filePath: string): boolean {
  const parts = filePath.split(/[\\/]+/);
  const name = parts.pop() ?? '';
  return TEST_FILE_NAME.test(name) || TEST_SUPPORT_NAME.test(name) || parts.some((part) => TEST_DIRECTORIES.has(part));
}

/**
 * Whether a file of a project is a test. Directories are read from the directory of the
 * project's tsconfig.json down (that directory included: a `test/tsconfig.json` owns
 * tests), so a project that happens to live inside a folder named `test` is not all tests.
 */
export function isTestFile(sourceFile: SourceFile): boolean {
  const filePath = sourceFile.getFilePath();
  const config = sourceFile.getProject().getCompilerOptions().configFilePath;
  if (typeof config !== 'string') return isTestPath(filePath);
  const projectDirectory = path.dirname(config);
  const relative = path.relative(path.dirname(projectDirectory), filePath);
  return isTestPath(relative.startsWith('..') ? filePath : relative);
}
