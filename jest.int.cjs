// Jest settings for projects whose *.int-spec.ts talk to the real Postgres and Redis.
const path = require('node:path');
module.exports = {
  ...require('./jest.preset.cjs'),
  globalSetup: path.join(__dirname, 'libs/testing/src/global-setup.ts'),
  globalTeardown: path.join(__dirname, 'libs/testing/src/global-teardown.ts'),
};
