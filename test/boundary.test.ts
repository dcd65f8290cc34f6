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

  // The composition root's three parts: the core, the adapters mounted on it, the development wing.
  const resolved = (from: string, i: string) => (i.startsWith('.') ? path.relative(root, path.resolve(path.dirname(from), i)) : i);
  const offendersIn = (dir: string, bad: (target: string) => boolean, skip: (f: string) => boolean = () => false) =>
    tsFiles(path.join(root, dir))
      .filter((f) => !skip(path.relative(root, f)))
      .flatMap((f) => importsOf(f).filter((i) => bad(resolved(f, i))).map((i) => `${path.relative(root, f)} imports ${i}`));
  const platform = (t: string) => t.startsWith('@slack/') || t.startsWith('@microsoft/') || /^src\/(slack|teams)(\/|$)/.test(t);
  const devWing = (t: string) => /^src\/(local|slack\/fake)(\/|$)/.test(t);

  it('keeps the core (config, database, outbox, scheduler, HTTP server, calendar) free of every platform and of the development wing', () => {
    const offenders = ['src/core', 'src/scheduler', 'src/db', 'src/calendar'].flatMap((d) => offendersIn(d, (t) => platform(t) || devWing(t) || t.startsWith('src/runtime')));
    expect(offenders).toEqual([]);
  });

  it('keeps the adapters free of the development wing (the fake Slack and the local workspace depend on Slack, never the reverse)', () => {
    const offenders = offendersIn('src/slack', devWing, (f) => f.startsWith('src/slack/fake/'));
    expect(offenders).toEqual([]);
  });

  it("uses the project's own Logger outside the Slack adapter", () => {
    const offenders = tsFiles(path.join(root, 'src'))
      .filter((f) => !path.relative(root, f).startsWith('src/slack/') && !f.includes(`${path.sep}generated${path.sep}`))
      .filter((f) => /import[^;]*\bLogger\b[^;]*from '@slack\//.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
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
