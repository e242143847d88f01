module.exports = { ...require('../../jest.int.cjs'), displayName: 'webhooks', rootDir: __dirname };
