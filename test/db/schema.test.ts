import fs from 'node:fs';
import path from 'node:path';
import internals from '@prisma/internals';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { openTestDatabase } from '../helpers/db.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
// The package is CommonJS; its named exports are on the default import under Node's ESM loader.
const { getDMMF } = internals as unknown as { getDMMF: (o: { datamodel: [string, string][] }) => Promise<any> };

const SCHEMA_DIR = path.resolve(import.meta.dirname, '../../prisma/schema');

let db: Database;
let dmmf: any;
beforeAll(async () => {
  db = await openTestDatabase();
  const files = fs
    .readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.prisma'))
    .map((f) => [path.join(SCHEMA_DIR, f), fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8')] as [string, string]);
  dmmf = (await getDMMF({ datamodel: files })).datamodel;
});
afterAll(async () => {
  await db?.close();
});

const q = <T = any>(sql: string, params: unknown[] = []) => db.sql.query<T>(sql, params);
const tableOf = (m: any): string => m.dbName ?? m.name;
const columnOf = (f: any): string => f.dbName ?? f.name;

function expectedType(f: any): string {
  if (f.isList) return `${expectedType({ ...f, isList: false })}[]`;
  if (f.kind === 'enum') return `enum:${f.type}`;
  const native = f.nativeType?.[0];
  if (native) {
    const args = f.nativeType[1] ?? [];
    const map: Record<string, string> = {
      Date: 'date', Text: 'text', Timestamptz: 'timestamp with time zone', Timestamp: 'timestamp without time zone',
      Integer: 'integer', SmallInt: 'smallint', BigInt: 'bigint', Uuid: 'uuid', DoublePrecision: 'double precision',
      VarChar: `character varying${args.length ? `(${args[0]})` : ''}`, Decimal: `numeric${args.length ? `(${args.join(',')})` : ''}`,
    };
    return map[native] ?? native.toLowerCase();
  }
  const map: Record<string, string> = {
    String: 'text', Int: 'integer', BigInt: 'bigint', Boolean: 'boolean', DateTime: 'timestamp without time zone',
    Json: 'jsonb', Float: 'double precision', Decimal: 'numeric', Bytes: 'bytea',
  };
  return map[f.type] ?? f.type;
}

const PG_ARRAY_ELEMENTS: Record<string, string> = { _text: 'text', _int4: 'integer', _int8: 'bigint', _bool: 'boolean', _float8: 'double precision', _jsonb: 'jsonb', _timestamp: 'timestamp without time zone', _date: 'date' };

function actualType(c: any): string {
  if (c.data_type === 'ARRAY') return `${PG_ARRAY_ELEMENTS[c.udt_name] ?? `enum:${String(c.udt_name).slice(1)}`}[]`;
  if (c.data_type === 'USER-DEFINED') return `enum:${c.udt_name}`;
  if (c.data_type === 'character varying') return `character varying${c.character_maximum_length ? `(${c.character_maximum_length})` : ''}`;
  if (c.data_type === 'numeric' && c.numeric_precision) return `numeric(${c.numeric_precision},${c.numeric_scale})`;
  return c.data_type;
}

describe('the migrated database matches prisma/schema', () => {
  it('has exactly the tables of the schema', async () => {
    const rows = await q<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const actual = rows.map((r) => r.table_name).filter((t) => t !== '_prisma_migrations').sort();
    expect(actual).toEqual(dmmf.models.map(tableOf).sort());
  });

  it('has exactly the enums of the schema with the same values', async () => {
    const rows = await q<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    const expected = Object.fromEntries(dmmf.enums.map((e: any) => [e.dbName ?? e.name, e.values.map((v: any) => v.dbName ?? v.name)]));
    expect(actual).toEqual(expected);
  });

  it('has every field as a column with the right type, nullability and default, and no other columns', async () => {
    const problems: string[] = [];
    for (const m of dmmf.models) {
      const table = tableOf(m);
      const cols = await q(`SELECT * FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`, [table]);
      const byName = new Map(cols.map((c: any) => [c.column_name, c]));
      const scalars = m.fields.filter((f: any) => f.kind !== 'object');
      for (const f of scalars) {
        const c: any = byName.get(columnOf(f));
        if (!c) {
          problems.push(`${table}.${columnOf(f)} is missing`);
          continue;
        }
        if (actualType(c) !== expectedType(f)) problems.push(`${table}.${columnOf(f)} is ${actualType(c)}, schema says ${expectedType(f)}`);
        // Prisma Migrate creates scalar lists as nullable arrays whatever the schema says.
        if (!f.isList && (c.is_nullable === 'NO') !== f.isRequired) problems.push(`${table}.${columnOf(f)} nullability differs`);
        const clientSide = f.default && typeof f.default === 'object' && ['uuid', 'cuid', 'nanoid', 'ulid'].includes(f.default.name);
        const wantsDbDefault = f.hasDefaultValue && !clientSide;
        if (wantsDbDefault !== (c.column_default !== null)) problems.push(`${table}.${columnOf(f)} default ${c.column_default ?? 'none'} differs from schema`);
      }
      const known = new Set(scalars.map(columnOf));
      for (const c of cols as any[]) if (!known.has(c.column_name)) problems.push(`${table}.${c.column_name} is not in the schema`);
    }
    expect(problems).toEqual([]);
  });

  it('has the primary keys, unique constraints and indexes of the schema, under Prisma\'s names', async () => {
    const rows = await q<{ tablename: string; indexname: string; indexdef: string }>(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`);
    const actual = new Map(rows.map((r) => [r.indexname, r]));
    const problems: string[] = [];
    const expectedNames = new Set<string>();
    for (const ix of dmmf.indexes) {
      const model = dmmf.models.find((m: any) => m.name === ix.model);
      const table = tableOf(model);
      const cols = ix.fields.map((f: any) => columnOf(model.fields.find((x: any) => x.name === f.name)));
      const suffix = ix.type === 'id' ? 'pkey' : ix.type === 'unique' ? 'key' : 'idx';
      const name = ix.dbName ?? (ix.type === 'id' ? `${table}_pkey` : `${table}_${cols.join('_')}_${suffix}`);
      expectedNames.add(name);
      const a = actual.get(name);
      if (!a) {
        problems.push(`${ix.type} ${name} on ${table}(${cols.join(', ')}) is missing`);
        continue;
      }
      const defCols = /\((.*)\)\s*$/.exec(a.indexdef)?.[1]?.split(',').map((s) => s.trim().replace(/"/g, '').split(' ')[0]) ?? [];
      if (defCols.join(',') !== cols.join(',')) problems.push(`${name} covers (${defCols}) instead of (${cols})`);
      if ((ix.type !== 'normal') !== /UNIQUE/.test(a.indexdef)) problems.push(`${name} uniqueness differs`);
    }
    for (const r of rows) if (r.tablename !== '_prisma_migrations' && !expectedNames.has(r.indexname)) problems.push(`index ${r.indexname} is not in the schema`);
    expect(problems).toEqual([]);
  });

  it('has a foreign key for every relation of the schema, and no other', async () => {
    const rows = await q<{ conname: string; tbl: string; cols: string[]; ref: string }>(`
      SELECT c.conname, c.conrelid::regclass::text AS tbl, c.confrelid::regclass::text AS ref,
             array_agg(a.attname::text ORDER BY k.ord) AS cols
      FROM pg_constraint c
      JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) ON true
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
      WHERE c.contype = 'f' GROUP BY c.conname, c.conrelid, c.confrelid`);
    const actual = new Map(rows.map((r) => [r.conname, r]));
    const problems: string[] = [];
    const expected = new Set<string>();
    for (const m of dmmf.models) {
      for (const f of m.fields.filter((x: any) => x.kind === 'object' && x.relationFromFields?.length)) {
        const table = tableOf(m);
        const cols = f.relationFromFields.map((n: string) => columnOf(m.fields.find((x: any) => x.name === n)));
        const name = `${table}_${cols.join('_')}_fkey`;
        expected.add(name);
        const a = actual.get(name);
        const target = tableOf(dmmf.models.find((x: any) => x.name === f.type));
        if (!a) problems.push(`foreign key ${name} is missing`);
        else if (a.ref.replace(/"/g, '') !== target || a.cols.join(',') !== cols.join(',')) problems.push(`foreign key ${name} points elsewhere`);
      }
    }
    for (const name of actual.keys()) if (!expected.has(name)) problems.push(`foreign key ${name} is not in the schema`);
    expect(problems).toEqual([]);
  });

  it('lets the generated client read every field of every model', async () => {
    for (const m of dmmf.models) {
      const delegate = (db.prisma as any)[m.name.charAt(0).toLowerCase() + m.name.slice(1)];
      expect(delegate, m.name).toBeDefined();
      const select = Object.fromEntries(m.fields.filter((f: any) => f.kind !== 'object').map((f: any) => [f.name, true]));
      await expect(delegate.findMany({ select, take: 1 }), m.name).resolves.toBeInstanceOf(Array);
    }
  });
});
