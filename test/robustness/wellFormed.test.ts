// The oracle of the robustness suites must itself tell right from wrong: a message with a
// placeholder left unfilled fails, while braces that come from the user's code do not.
import * as assert from 'node:assert/strict';
import { loadDashboard } from '../explain/findings';
import { assertWellFormed } from './wellFormed';

const TEXT = ['', '', '', '', 'const [user, orders] = await Promise.all([loadUser(id), loadOrders(id)]);', ''].join('\n');
const withMessage = (message: string, data: Record<string, string>) => ({
  findings: [{ ...loadDashboard, fixes: [], messageId: 'sequential', message, data }],
  problems: [],
});

describe('the well-formed oracle', () => {
  it('passes a message whose braces come from the code it names', () => {
    const later = 'loadOrders({ id })';
    const earlier = 'loadUser(`${id}`)';
    assert.doesNotThrow(() =>
      assertWellFormed(
        withMessage(`\`${later}\` does not use the result of \`${earlier}\`, yet waits for it to finish. Start both together with Promise.all.`, {
          later,
          earlier,
        }),
        () => TEXT,
      ),
    );
  });

  it('fails a message with a placeholder of its template left unfilled', () => {
    const message = '`{later}` does not use the result of `loadUser(id)`, yet waits for it to finish. Start both together with Promise.all.';
    assert.throws(() => assertWellFormed(withMessage(message, { later: 'loadOrders(id)', earlier: 'loadUser(id)' }), () => TEXT), /unfilled placeholders/);
  });

  it('reads each file once, however many findings it holds', () => {
    let reads = 0;
    const result = withMessage(
      '`loadOrders(id)` does not use the result of `loadUser(id)`, yet waits for it to finish. Start both together with Promise.all.',
      {},
    );
    assertWellFormed({ findings: Array.from({ length: 50 }, () => result.findings[0]), problems: [] }, () => (reads++, TEXT));
    assert.equal(reads, 1);
  });
});
