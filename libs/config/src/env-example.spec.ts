import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { ALL_CONCERNS, APP_ENVS, loadSettings } from './index';

describe('.env.example', () => {
  const text = readFileSync(join(__dirname, '../../../.env.example'), 'utf8');
  const documented = parse(text);
  const settingNames = [...new Set(ALL_CONCERNS.flatMap((concern) => Object.keys(concern.specs)))];

  it('documents every setting, each with a comment above it', () => {
    expect(settingNames.filter((name) => !(name in documented))).toEqual([]);
    const lines = text.split('\n');
    const uncommented = Object.keys(documented).filter((name) => {
      let i = lines.findIndex((line) => line.startsWith(`${name}=`)) - 1;
      while (i >= 0 && /^[A-Z_]+=/.test(lines[i]!)) i--;
      return i < 0 || !lines[i]!.startsWith('#');
    });
    expect(uncommented).toEqual([]);
  });

  it('lists only settings that exist', () => {
    expect(Object.keys(documented).filter((name) => name !== 'APP_ENV' && !settingNames.includes(name))).toEqual([]);
  });

  it('holds values every app accepts', () => {
    expect(APP_ENVS).toContain(documented.APP_ENV);
    for (const app of ['api', 'worker', 'scheduler', 'cli'] as const) {
      expect(() => loadSettings(app, ALL_CONCERNS, { env: documented, envFile: null })).not.toThrow();
    }
  });
});
