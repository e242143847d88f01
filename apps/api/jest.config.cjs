module.exports = { ...require('../../jest.int.cjs'), displayName: 'api', rootDir: __dirname };
