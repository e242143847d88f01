module.exports = { ...require('../../jest.int.cjs'), displayName: 'secrets', rootDir: __dirname };
