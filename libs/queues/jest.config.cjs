module.exports = { ...require('../../jest.int.cjs'), displayName: 'queues', rootDir: __dirname };
