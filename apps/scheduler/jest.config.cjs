module.exports = { ...require('../../jest.int.cjs'), displayName: 'scheduler', rootDir: __dirname };
