// A Jest reporter that leaves each run's counts in tmp/test-results/, so
// `npm test` can close with one line over every project (scripts/test-summary.cjs).
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.name = path.basename(globalConfig.rootDir);
  }

  onRunComplete(_contexts, results) {
    const dir = path.join(__dirname, '..', 'tmp', 'test-results');
    fs.mkdirSync(dir, { recursive: true });
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    fs.writeFileSync(
      path.join(dir, `${this.name}-${process.pid}.json`),
      JSON.stringify({ numPassedTests, numFailedTests, numPendingTests, numTodoTests }),
    );
  }
}

module.exports = SummaryReporter;
