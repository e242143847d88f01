// `npm run docs:config`: rewrites docs/configuration.md from the settings schemas.
import { writeFileSync } from 'node:fs';
import { CONFIGURATION_DOC, renderConfigurationReference } from './configuration-reference';

writeFileSync(CONFIGURATION_DOC, renderConfigurationReference());
process.stdout.write(`wrote ${CONFIGURATION_DOC}\n`);
