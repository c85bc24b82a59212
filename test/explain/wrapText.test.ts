import * as assert from 'node:assert/strict';
import { wrapText } from '../../src/explain/wrapText';

describe('wrapText', () => {
  it('breaks English at spaces, within the width', () => {
    assert.deepEqual(wrapText('one two three four', 9), ['one two', 'three', 'four']);
  });

  it('keeps a word longer than the width whole, on its own line', () => {
    assert.deepEqual(wrapText('a customers.findById(customerId) b', 10), ['a', 'customers.findById(customerId)', 'b']);
  });

  it('breaks Japanese between characters, counting each as two columns', () => {
    assert.deepEqual(wrapText('あいうえお', 6), ['あいう', 'えお']);
    assert.deepEqual(wrapText('loadUser(id) が終わるまで', 16), ['loadUser(id) が', '終わるまで']);
  });

  it('never starts a line with closing punctuation', () => {
    assert.deepEqual(wrapText('あいう、えお', 6), ['あいう、', 'えお']);
  });

  it('keeps the line breaks the text already has', () => {
    assert.deepEqual(wrapText('a b\nc d', 80), ['a b', 'c d']);
  });
});
