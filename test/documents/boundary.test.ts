import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsIn, importsOf, root, tsFiles } from '../helpers/imports.ts';

/** Imports a file of `src/documents` may not have: a chat platform, the database, the domain. */
function forbidden(file: string, imports: string[]): string[] {
  return imports.filter((i) => {
    const target = i.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), i)) : i;
    return /^@slack\/|^@microsoft\/|prisma|^pg$|^@electric-sql\//.test(i) || /^src\/(slack|db|generated|domain|local|scheduler|conversation)(\/|$)/.test(target);
  });
}

describe('the document renderers', () => {
  it('import no chat platform, no database and no domain code: they draw a DocumentModel and nothing else', () => {
    const files = tsFiles(path.join(root, 'src/documents'));
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['model.ts', 'pdf.ts', 'docx.ts', 'chart-svg.ts']));
    const offenders = files.flatMap((f) => forbidden(f, importsOf(f)).map((i) => `${path.relative(root, f)} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  it('would catch Slack, Prisma, the database or the domain imported into them', () => {
    const file = path.join(root, 'src/documents/pdf.ts');
    const source = [
      "import type { App } from '@slack/bolt';",
      "import { x } from '../db/client.ts';",
      "import type { Report } from '../domain/statistics/compile.ts';",
      "import type { Party } from '../generated/prisma/client.ts';",
      "import { PGlite } from '@electric-sql/pglite';",
      "import { t } from '../i18n/index.ts';",
      "import PDFDocument from 'pdfkit';",
      "import { layoutChart } from './chart-svg.ts';",
    ].join('\n');
    expect(forbidden(file, importsIn(source))).toEqual(['@slack/bolt', '../db/client.ts', '../domain/statistics/compile.ts', '../generated/prisma/client.ts', '@electric-sql/pglite']);
  });
});
