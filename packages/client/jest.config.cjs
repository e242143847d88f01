// Unit tests only (no database): the client against local HTTP servers, and the generated types.
module.exports = { ...require('../../jest.preset.cjs'), displayName: 'client', rootDir: __dirname };
