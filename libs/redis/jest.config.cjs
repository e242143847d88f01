module.exports = { ...require('../../jest.int.cjs'), displayName: 'redis', rootDir: __dirname };
