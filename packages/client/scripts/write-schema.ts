// `npm run client:generate`: regenerates packages/client/src/generated/schema.ts from apps/api/openapi.yaml.
// With --stdout it prints the result instead (the drift test compares it with the committed file:
// openapi-typescript loads ESM-only packages that Jest's module system cannot require).
import { renderSchema, SCHEMA_FILE, writeSchema } from './schema-file';

const toStdout = process.argv.includes('--stdout');
(toStdout ? renderSchema().then((text) => process.stdout.write(text)) : writeSchema()).then(
  () => toStdout || console.log(`wrote ${SCHEMA_FILE}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
