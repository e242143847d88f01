module.exports = { ...require('../../jest.preset.cjs'), displayName: 'llm', rootDir: __dirname };
