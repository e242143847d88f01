module.exports = { ...require('../../jest.int.cjs'), displayName: 'worker', rootDir: __dirname };
