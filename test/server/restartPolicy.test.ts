import * as assert from 'node:assert/strict';
import { RestartPolicy } from '../../src/client/restartPolicy';

describe('client restart policy', () => {
  it('restarts a crashed server up to the limit within the window, then stops', () => {
    const policy = new RestartPolicy(3, 60_000);
    assert.deepEqual(
      [0, 1_000, 2_000, 3_000].map((t) => policy.shouldRestart(t)),
      [true, true, true, false],
    );
  });

  it('forgets crashes older than the window', () => {
    const policy = new RestartPolicy(2, 60_000);
    assert.equal(policy.shouldRestart(0), true);
    assert.equal(policy.shouldRestart(10_000), true);
    assert.equal(policy.shouldRestart(61_000), true, 'the crash at 0 is out of the window');
    assert.equal(policy.shouldRestart(62_000), false);
  });
});
