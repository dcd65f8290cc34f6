import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify, parse } from 'yaml';
import fs from 'node:fs';
import type { Database } from '../../src/db/client.ts';
import { loadPartnershipFile, parsePartnershipFile, PartnershipFileError } from '../../src/domain/partnership/file-loader.ts';
import { syncPartnership } from '../../src/domain/partnership/sync.ts';
import { openTestDatabase } from '../helpers/db.ts';
import { JAMTLAND, STOCKHOLM } from '../helpers/bot.ts';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

function problems(text: string): string[] {
  try {
    parsePartnershipFile(text, 'p.yml');
  } catch (err) {
    expect(err).toBeInstanceOf(PartnershipFileError);
    return (err as PartnershipFileError).problems;
  }
  throw new Error('expected the file to be refused');
}

describe('the partnership file', () => {
  it('accepts both shipped examples', () => {
    const s = loadPartnershipFile(STOCKHOLM);
    expect(s.parties.map((p) => p.org_number)).toEqual(['212000-0142', '802490-7720', '802476-1044', '802015-4822']);
    const j = loadPartnershipFile(JAMTLAND);
    expect(j.municipalities).toHaveLength(8);
    expect(j.parties.find((p) => p.key === 'boj-jamtland')!.municipalities).toHaveLength(8);
  });

  it('names the line and path of each mistake', () => {
    const text = [
      'partnership:', '  key: x', '  name: X', 'parties:', '  - key: a', '    name: A', '    sector: publik', '    org_number: 212000-0143',
      'groups:', '  - key: g', '    kind: steering', '    name: G', '    channel: C0G', '    parties: [a]',
    ].join('\n');
    expect(problems(text)).toEqual([
      'line 8, parties.0.org_number: is not a valid organisation number (check digit)',
      'line 7, parties.0.sector: Invalid option: expected one of "public"|"nonprofit"',
    ]);
  });

  it('reports references to things that are not declared', () => {
    const doc = parse(fs.readFileSync(STOCKHOLM, 'utf8'));
    doc.groups[0].parties.push('boj-norr');
    doc.members[1].roles = [{ representative: 'arbetsgrupp' }];
    doc.members.push({ ...doc.members[0] });
    const p = problems(stringify(doc));
    expect(p.some((x) => /^line \d+, groups\.0\.parties\.4: unknown party "boj-norr"$/.test(x))).toBe(true);
    expect(p.some((x) => x.endsWith('members.1.roles.0: unknown group "arbetsgrupp"'))).toBe(true);
    expect(p.some((x) => x.endsWith('user U0ANNA is declared twice'))).toBe(true);
  });

  it('checks the appendices: a known party, one appendix each, unique keys, an https link to the signed document', () => {
    expect(loadPartnershipFile(STOCKHOLM).agreement!.appendices!.map((a) => a.party)).toEqual(['sof', 'boj-sg', 'boj-sodra', 'boj-vasterort']);
    expect(loadPartnershipFile(JAMTLAND).agreement!.appendices![0]).toMatchObject({ party: 'boj-jamtland', version: '1.0', valid_from: '2026-01-01' });
    const doc = parse(fs.readFileSync(STOCKHOLM, 'utf8'));
    const [a, b, c] = doc.agreement.appendices;
    doc.agreement.appendices = [a, { ...b, party: 'boj-norr' }, { ...c, key: a.key, party: a.party }, { ...doc.agreement.appendices[3], link: 'http://example.org/bilaga.pdf' }];
    const p = problems(stringify(doc));
    expect(p.some((x) => x.endsWith('agreement.appendices.1.party: unknown party "boj-norr"'))).toBe(true);
    expect(p.some((x) => x.endsWith('agreement.appendices.2.key: "bilaga-sof" is declared twice'))).toBe(true);
    expect(p.some((x) => x.endsWith('agreement.appendices.2.party: party "sof" has two appendices; give it one'))).toBe(true);
    expect(p.some((x) => /agreement\.appendices\.3\.link: must be an https address/.test(x))).toBe(true);
    doc.agreement = { appendices: [{ ...a, extra: 1 }] };
    expect(problems(stringify(doc)).some((x) => x.includes('agreement.appendices.0') && x.includes('extra'))).toBe(true);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('partnership:\n  key: x\n name: [oops\n')[0]).toMatch(/^line \d+: /);
  });
});

describe('applying the partnership file', () => {
  it('creates everything once, and a second run changes nothing', async () => {
    const file = loadPartnershipFile(STOCKHOLM);
    const first = await syncPartnership(db.prisma, file);
    expect(first.changes).toBeGreaterThan(10);
    const audits = await db.prisma.auditLog.count();
    const second = await syncPartnership(db.prisma, file);
    expect(second).toEqual({ partnershipId: first.partnershipId, changes: 0 });
    expect(await db.prisma.auditLog.count()).toBe(audits);
    expect(await db.prisma.party.count({ where: { partnershipId: first.partnershipId } })).toBe(4);
    expect(await db.prisma.member.count({ where: { partnershipId: first.partnershipId, active: true } })).toBe(7);
    const anna = await db.prisma.member.findFirstOrThrow({ where: { chatUserId: 'U0ANNA' }, include: { roles: true } });
    expect(anna.roles.map((r) => `${r.role}:${r.groupKey}`).sort()).toEqual(['ADMIN:', 'REPRESENTATIVE:styrgrupp']);
  });

  it('deactivates what disappears from the file and keeps members added by command', async () => {
    const file = loadPartnershipFile(STOCKHOLM);
    const { partnershipId } = await syncPartnership(db.prisma, file);
    const sof = await db.prisma.party.findFirstOrThrow({ where: { partnershipId, key: 'sof' } });
    await db.prisma.member.create({ data: { partnershipId, chatUserId: 'U0CMD', name: 'Added By Command', partyId: sof.id, source: 'command' } });
    const shrunk = { ...file, members: file.members.filter((m) => m.user !== 'U0OMAR').map((m) => (m.user === 'U0SARA' ? { ...m, roles: [] } : m)) };
    const r = await syncPartnership(db.prisma, shrunk);
    expect(r.changes).toBe(4); // Omar deactivated; Sara loses three roles
    const omar = await db.prisma.member.findFirstOrThrow({ where: { chatUserId: 'U0OMAR' } });
    expect(omar.active).toBe(false);
    expect((await db.prisma.member.findFirstOrThrow({ where: { chatUserId: 'U0CMD' } })).active).toBe(true);
    const sara = await db.prisma.memberRole.findMany({ where: { member: { chatUserId: 'U0SARA' } } });
    expect(sara.every((x) => !x.active)).toBe(true);
    const log = await db.prisma.auditLog.findFirstOrThrow({ where: { entityId: omar.id, action: 'deactivate' } });
    expect(log.actorLabel).toBe('partnership file');

    // Putting Omar back reactivates the same row: history keeps its references.
    await syncPartnership(db.prisma, file);
    const back = await db.prisma.member.findFirstOrThrow({ where: { chatUserId: 'U0OMAR' } });
    expect(back.id).toBe(omar.id);
    expect(back.active).toBe(true);
  });

  it('keeps two partnerships apart in one database', async () => {
    const j = await syncPartnership(db.prisma, loadPartnershipFile(JAMTLAND));
    const s = await syncPartnership(db.prisma, loadPartnershipFile(STOCKHOLM));
    expect(j.partnershipId).not.toBe(s.partnershipId);
    expect(await db.prisma.municipality.count({ where: { partnershipId: j.partnershipId } })).toBe(8);
    const pops = await db.prisma.municipalityPopulation.findMany({ where: { municipality: { partnershipId: j.partnershipId } } });
    expect(pops.reduce((a, p) => a + p.population, 0)).toBe(6960 + 6350 + 9980 + 15480 + 5250 + 11450 + 12300 + 64700);
  });
});
