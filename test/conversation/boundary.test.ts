import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const importsOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('the conversation model', () => {
  it('imports no platform and no database: every platform renders the same cards and forms', () => {
    const dir = path.join(root, 'src/conversation');
    const offenders = tsFiles(dir).flatMap((f) =>
      importsOf(f)
        .filter((i) => {
          const target = i.startsWith('.') ? path.relative(root, path.resolve(path.dirname(f), i)) : i;
          return /^@slack\/|^@microsoft\/|prisma/.test(i) || /^src\/(slack|db|generated|local|scheduler)(\/|$)/.test(target);
        })
        .map((i) => `${path.relative(root, f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('is found by the check: a file importing Slack would fail it', () => {
    const sample = "import type { App } from '@slack/bolt';\nimport { prisma } from '../db/client.ts';";
    expect([...sample.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1])).toEqual(['@slack/bolt', '../db/client.ts']);
  });
});
