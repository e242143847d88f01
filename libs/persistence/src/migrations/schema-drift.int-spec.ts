import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { adminDatabaseConfig, loadSettings } from '@copilot/config';

// Without Prisma's schema engine nothing diffs schema.prisma against the database,
// so this test does: every model and scalar field (name, type family, optionality)
// must match a migrated table and column, and no column may exist that no field maps.

interface Field {
  name: string;
  kind: string;
  type: string;
  dbName?: string;
}
interface Model {
  dbName: string | null;
  fields: Field[];
}

const TYPE_FAMILIES: Record<string, string[]> = {
  String: ['text', 'uuid', 'character varying', 'ARRAY'],
  Int: ['integer'],
  BigInt: ['bigint'],
  Boolean: ['boolean'],
  DateTime: ['timestamp with time zone', 'date'],
  Json: ['jsonb'],
  Float: ['double precision'],
  Bytes: ['bytea'],
};

/** `Unsupported("vector")` fields: absent from the client's model, present in the schema, mapped by name. */
function unsupportedColumns(schema: string): Set<string> {
  const columns = new Set<string>();
  for (const block of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const table = /@@map\("(\w+)"\)/.exec(block[2])?.[1] ?? block[1];
    for (const field of block[2].matchAll(/^\s+(\w+)\s+Unsupported\(/gm)) columns.add(`${table}.${field[1]}`);
  }
  return columns;
}

function optionalFields(schema: string): Set<string> {
  const optional = new Set<string>();
  for (const block of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    for (const line of block[2].split('\n')) {
      const match = /^\s+(\w+)\s+\w+(\[\])?(\?)?/.exec(line);
      if (match?.[3] || match?.[2]) optional.add(`${block[1]}.${match[1]}`);
    }
  }
  return optional;
}

describe('schema.prisma and the migrated database', () => {
  const { adminDatabase } = loadSettings('cli', [adminDatabaseConfig] as const);
  const client = new Client({ connectionString: adminDatabase.url });
  // The generated client's own view of the models (table and column names).
  const runtime = readFileSync(join(__dirname, '../generated/prisma/internal/class.ts'), 'utf8');
  const models: Record<string, Model> = JSON.parse(
    JSON.parse(/runtimeDataModel = JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(runtime)![1]),
  ).models;
  const schemaText = readFileSync(join(__dirname, '../../../../prisma/schema.prisma'), 'utf8');
  const optional = optionalFields(schemaText);

  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it('has a table and matching columns for every model', async () => {
    const { rows } = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const columns = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    const expected = unsupportedColumns(schemaText);
    const problems: string[] = [];
    for (const [modelName, model] of Object.entries(models)) {
      const table = model.dbName ?? modelName;
      for (const field of model.fields.filter((f) => f.kind === 'scalar')) {
        const key = `${table}.${field.dbName ?? field.name}`;
        expected.add(key);
        const column = columns.get(key);
        if (!column) {
          problems.push(`${modelName}.${field.name}: no column ${key}`);
          continue;
        }
        if (!TYPE_FAMILIES[field.type]?.includes(column.data_type)) {
          problems.push(`${modelName}.${field.name}: ${field.type} vs column type ${column.data_type}`);
        }
        const nullable = column.is_nullable === 'YES';
        const isList = column.data_type === 'ARRAY';
        if (!isList && nullable !== optional.has(`${modelName}.${field.name}`)) {
          problems.push(`${modelName}.${field.name}: nullability differs (column nullable: ${nullable})`);
        }
      }
    }
    for (const key of columns.keys()) if (!expected.has(key)) problems.push(`column ${key} has no field`);
    expect(problems).toEqual([]);
  });
});
