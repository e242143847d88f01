import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ALL_CONCERNS, APP_CONCERNS } from '../app-concerns';
import { CONFIGURATION_DOC, renderConfigurationReference } from './configuration-reference';

describe('docs/configuration.md', () => {
  it('is what the settings schemas say now', () => {
    const committed = existsSync(CONFIGURATION_DOC) ? readFileSync(CONFIGURATION_DOC, 'utf8') : '';
    if (committed !== renderConfigurationReference()) {
      throw new Error('docs/configuration.md is out of date: run `npm run docs:config` and commit the result');
    }
  });

  it('covers only settings some app reads, each with a description', () => {
    const readByAnApp = new Set(
      Object.values(APP_CONCERNS).flatMap((concerns) => concerns.flatMap((c) => Object.keys(c.specs))),
    );
    const specs = ALL_CONCERNS.flatMap((concern) => Object.entries(concern.specs));
    expect(specs.filter(([name]) => !readByAnApp.has(name)).map(([name]) => name)).toEqual([]);
    expect(specs.filter(([, spec]) => !z.globalRegistry.get(spec.schema)?.description).map(([name]) => name)).toEqual(
      [],
    );
  });

  it('marks a setting that a rule across settings requires', () => {
    const row = renderConfigurationReference()
      .split('\n')
      .find((line) => line.startsWith('| `JWT_SECRET` '));
    expect(row).toContain('required (or JWT_SECRETS, or JWT_JWKS_URL');
    expect(renderConfigurationReference()).toMatch(/^\| `JWT_SECRETS` .*\| optional \|/m);
  });
});
