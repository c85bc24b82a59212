// Mocha's spec reporter, plus the suite's results for the e2e runner's summary (counts and
// assertions made) and a closing line in the plain "N passed, N failed" form.
import Mocha from 'mocha';
import { assertionCount } from '../support/countedAssert';
import { summaryLine, writeSuiteResults } from '../support/suiteResults';

class ResultsReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const started = performance.now();
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats ?? { passes: 0, failures: 1, pending: 0 };
      const results = {
        passed: stats.passes,
        failed: stats.failures,
        pending: stats.pending,
        assertions: assertionCount(),
        durationMs: Math.round(performance.now() - started),
      };
      writeSuiteResults(results);
      console.log(summaryLine('ui', results));
    });
  }
}

export = ResultsReporter;
