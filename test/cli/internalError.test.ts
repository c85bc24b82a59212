// A failure of the tool itself must never look like "the code has findings" (exit 1) to a
// CI script: it is said on stderr and the run exits as incomplete.
import * as assert from 'node:assert/strict';
import { runCli } from '../../src/cli/runCli';
import { EXIT_INCOMPLETE } from '../../src/cli/summary';
import { removeWorkspace, workspace } from './cliHarness';

describe('kitchen-sync internal errors', function () {
  // The analysis loads the TypeScript compiler in this process: seconds on a busy machine.
  this.timeout(120_000);

  it('exits 3 with the error on stderr when writing the report fails', () => {
    const root = workspace({ 'clean.ts': 'export const one = 1;\n' });
    try {
      let stderr = '';
      const status = runCli([], {
        cwd: root,
        env: { LANG: 'C', NO_COLOR: '1' },
        stdout: {
          write() {
            throw new Error('EPIPE: broken pipe, write');
          },
        },
        stderr: { write: (text: string) => (stderr += text) },
      });
      assert.equal(status, EXIT_INCOMPLETE);
      assert.match(stderr, /^kitchen-sync: Internal error, the run is incomplete\. Please report it with this message:\nError: EPIPE: broken pipe, write\n/);
    } finally {
      removeWorkspace(root);
    }
  });
});
