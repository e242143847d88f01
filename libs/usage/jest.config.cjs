module.exports = { ...require('../../jest.int.cjs'), displayName: 'usage', rootDir: __dirname };
