module.exports = { ...require('../../jest.int.cjs'), displayName: 'retrieval', rootDir: __dirname };
