// The Problems-panel entry of a file over its time budget: it names the rules that did not run.
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { overBudgetDiagnostic } from '../../src/server/findingDiagnostics';

describe('over-budget diagnostic', () => {
  it('names the rules the budget kept from running, and says how to run them', () => {
    const diagnostic = overBudgetDiagnostic(2412.6, 2000, ['blocking-call', 'lock-order'], 'en');
    assert.deepEqual(diagnostic, {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: 'kitchen-sync',
      message:
        'Kitchen Sync stopped checking this file as you type: analysing it took 2413 ms, more than kitchenSync.fileTimeBudgetMs (2000 ms), so these rules did not run on it: blocking-call, lock-order. It is checked again when you save it; to run every rule, raise the setting or run the command-line tool, which has no budget.',
    });
  });

  it('says only that the file is slow when every rule ran', () => {
    assert.equal(
      overBudgetDiagnostic(2412.6, 2000, [], 'en').message,
      'Kitchen Sync stopped checking this file as you type: analysing it took 2413 ms, more than kitchenSync.fileTimeBudgetMs (2000 ms). It is checked again when you save it.',
    );
  });

  it('speaks Japanese', () => {
    assert.equal(
      overBudgetDiagnostic(2412.6, 2000, ['blocking-call'], 'ja').message,
      'Kitchen Sync は入力中のこのファイルのチェックを止めました。解析に 2413 ms かかり、kitchenSync.fileTimeBudgetMs（2000 ms）を超えたため、次のルールはこのファイルで実行されていません: blocking-call。保存すると再びチェックします。すべてのルールを実行するには、この設定を上げるか、時間制限のないコマンドラインツールを使ってください。',
    );
  });
});
