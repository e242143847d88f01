module.exports = { ...require('../../jest.int.cjs'), displayName: 'cli', rootDir: __dirname };
