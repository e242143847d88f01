module.exports = { ...require('../../jest.int.cjs'), displayName: 'maintenance', rootDir: __dirname };
