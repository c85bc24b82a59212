import * as assert from 'node:assert/strict';
import { displayWidth, padEnd, shortenCode } from '../../src/explain/codeText';
import { waitsPicture } from '../../src/explain/timeline';

describe('code inside cards', () => {
  it('counts East Asian wide characters as two columns', () => {
    assert.equal(displayWidth('fetch(id)'), 9);
    assert.equal(displayWidth('注文を取得(id)'), 14);
    assert.equal(padEnd('注文(id)', 10), '注文(id)  ');
  });

  it('puts code spanning lines on one line', () => {
    assert.equal(shortenCode('fetch(url, {\n    method: "POST",\n  })', 60), 'fetch(url, {method: "POST",})');
  });

  it('cuts a long call at the end, so calls to one function stay apart', () => {
    assert.equal(shortenCode("readFile('config/app.json', 'utf8')", 30), "readFile('config/app.json',...");
    assert.equal(shortenCode("readFile('config/features.json', 'utf8')", 30), "readFile('config/features.j...");
  });

  it('writes ellipses the rules put in as ASCII, one column each', () => {
    assert.equal(shortenCode('searchArticles(…)', 30), 'searchArticles(...)');
  });

  it('cuts within the width, never splitting a wide character', () => {
    assert.equal(shortenCode('this.customerRepository.findAllWithOrdersAndInvoices(id)', 24), 'this.customerReposito...');
    assert.equal(shortenCode('顧客リポジトリから注文と請求書をすべて取得する処理(id)', 24), '顧客リポジトリから注...');
  });
});

describe('waits timeline', () => {
  it('scales a long run of calls down and still starts each lane where the previous ended', () => {
    const lanes = Array.from({ length: 8 }, (_, i) => ({ label: `step${i}()`, length: 8 }));
    const picture = waitsPicture(lanes, { oneAfterAnother: 'now', together: 'together' });
    const last = picture[8];
    assert.equal(last, `  step7()  ${'░'.repeat(28)}${'█'.repeat(4)}`);
    assert.equal(picture[10], `  step0()  ${'█'.repeat(4)}`);
  });
});
