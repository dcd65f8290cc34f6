import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsIn, importsOf, root, tsFiles } from '../helpers/imports.ts';

/** Imports a file of `src/conversation` may not have: a platform, the database, an adapter. */
function forbidden(file: string, imports: string[]): string[] {
  return imports.filter((i) => {
    const target = i.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), i)) : i;
    return /^@slack\/|^@microsoft\/|prisma/.test(i) || /^src\/(slack|db|generated|local|scheduler)(\/|$)/.test(target);
  });
}

describe('the conversation model', () => {
  it('imports no platform and no database: every platform renders the same cards and forms', () => {
    const offenders = tsFiles(path.join(root, 'src/conversation')).flatMap((f) => forbidden(f, importsOf(f)).map((i) => `${path.relative(root, f)} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  it('would catch Slack, Prisma, the database or the Slack adapter imported into it', () => {
    const file = path.join(root, 'src/conversation/escalations/cards.ts');
    const source = "import type { App } from '@slack/bolt';\nimport { x } from '../../db/client.ts';\nimport { y } from '../../slack/render/index.ts';\nimport type { Escalation } from '../../generated/prisma/client.ts';\nimport { t } from '../../i18n/index.ts';";
    expect(forbidden(file, importsIn(source))).toEqual(['@slack/bolt', '../../db/client.ts', '../../slack/render/index.ts', '../../generated/prisma/client.ts']);
  });
});
