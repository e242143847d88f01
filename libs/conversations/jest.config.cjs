module.exports = { ...require('../../jest.int.cjs'), displayName: 'conversations', rootDir: __dirname };
