import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { OPENAPI_FILE, renderOpenApiYaml } from './openapi-file';

// `npm run openapi`: regenerates apps/api/openapi.yaml from the code.
renderOpenApiYaml()
  .then((yaml) => {
    writeFileSync(OPENAPI_FILE, yaml);
    process.stdout.write(`wrote ${relative(process.cwd(), OPENAPI_FILE)}\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  });
