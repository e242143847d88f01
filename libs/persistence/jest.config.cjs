module.exports = { ...require('../../jest.int.cjs'), displayName: 'persistence', rootDir: __dirname };
