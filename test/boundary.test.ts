import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, root, tsFiles } from './helpers/imports.ts';

describe('boundaries', () => {
  it('keeps the domain free of Slack, so a Teams adapter can reuse it', () => {
    const offenders = tsFiles(path.join(root, 'src/domain')).flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith('@slack/') || /(^|\/)slack(\/|$)/.test(i) || i.includes('/local/'))
        .map((i) => `${path.relative(root, f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in config.ts (and the migration CLI through it)', () => {
    const offenders = tsFiles(path.join(root, 'src'))
      .filter((f) => !f.includes(`${path.sep}generated${path.sep}`) && !f.endsWith(`${path.sep}config.ts`))
      .filter((f) => /process\.env\b/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });
});
