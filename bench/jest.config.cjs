module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'bench',
  rootDir: __dirname,
  testMatch: ['**/*.spec.ts'],
  testTimeout: 180_000,
};
