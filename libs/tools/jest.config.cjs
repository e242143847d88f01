module.exports = { ...require('../../jest.int.cjs'), displayName: 'tools', rootDir: __dirname };
