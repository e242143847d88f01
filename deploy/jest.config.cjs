// The deploy checks: unit specs (manifests, pipelines, images, dashboards) and
// integration specs that need the real Postgres and Redis (backup and restore,
// a live /metrics scrape): one scratch database per run, from libs/testing.
module.exports = {
  ...require('../jest.int.cjs'),
  displayName: 'deploy',
  rootDir: __dirname,
  testTimeout: 30_000,
};
