import type { Prisma, Tx } from '../../db/client.ts';
import type { RoleKind } from '../../generated/prisma/enums.ts';
import { audit } from '../audit.ts';
import { systemActor, type Actor } from '../actor.ts';
import { invalidateDirectory } from './directory.ts';
import type { PartnershipFile, RoleSpec } from './file-schema.ts';

/** Arbitrary constant naming the partnership sync's advisory lock (the migrator uses another). */
const SYNC_LOCK_KEY = 72_707_002;

export interface SyncResult {
  partnershipId: string;
  changes: number;
}

/**
 * Makes the database match the partnership file. Idempotent: a second run changes nothing.
 * What disappeared from the file is deactivated, never deleted, so history keeps its references.
 */
export async function syncPartnership(prisma: Prisma, file: PartnershipFile, at?: Date): Promise<SyncResult> {
  return prisma.$transaction(async (tx) => {
    // Replicas starting together take turns: the second waits, then finds everything in place
    // (each statement after the lock sees what the first one committed). Released at commit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SYNC_LOCK_KEY}::bigint)`;
    let changes = 0;
    const p = file.partnership;
    const settings = {
      crimeTypes: p.crime_types ?? null,
      statistics: p.statistics ?? null,
      escalationReminderDays: p.escalation_reminder_days ?? null,
      // Only when the file sets them, so a partnership without its own list records no change.
      ...(p.outreach_kinds ? { outreachKinds: p.outreach_kinds } : {}),
      // The agreement's grants, as the file declares them (read by domain/agreement/grants.ts).
      ...(file.agreement?.grants ? { grants: file.agreement.grants } : {}),
      // Its term (read by domain/agreement/term.ts).
      ...(file.agreement?.term ? { term: file.agreement.term } : {}),
      // The annual report's deadline and cost categories (read by domain/followup/settings.ts).
      ...(p.annual_report ? { annualReport: p.annual_report } : {}),
    };
    const existing = await tx.partnership.findUnique({ where: { key: p.key } });
    const partnership = existing ?? (await tx.partnership.create({ data: { key: p.key, name: p.name, settings } }));
    const actor: Actor = systemActor(partnership.id, 'partnership file');
    const track = makeTracker(tx, actor, at, () => changes++);
    if (!existing) await track.created('Partnership', partnership.id, partnership);
    else await track.update('Partnership', existing, { name: p.name, settings }, (data) => tx.partnership.update({ where: { id: existing.id }, data }));

    // Municipalities and their population figures.
    const municipalityIds = new Map<string, string>();
    for (const m of file.municipalities) {
      const row = await track.upsert(
        'Municipality',
        await tx.municipality.findUnique({ where: { partnershipId_key: { partnershipId: partnership.id, key: m.key } } }),
        { name: m.name, code: m.code ?? null, active: true },
        (data) => tx.municipality.create({ data: { ...data, partnershipId: partnership.id, key: m.key } }),
        (id, data) => tx.municipality.update({ where: { id }, data }),
      );
      municipalityIds.set(m.key, row.id);
      for (const pop of m.population) {
        const date = new Date(`${pop.date}T00:00:00Z`);
        await track.upsert(
          'MunicipalityPopulation',
          await tx.municipalityPopulation.findUnique({ where: { municipalityId_date: { municipalityId: row.id, date } } }),
          { population: pop.count },
          (data) => tx.municipalityPopulation.create({ data: { ...data, municipalityId: row.id, date } }),
          (id, data) => tx.municipalityPopulation.update({ where: { id }, data }),
        );
      }
    }
    await track.deactivateMissing('Municipality', await tx.municipality.findMany({ where: { partnershipId: partnership.id, active: true } }), municipalityIds, (id) =>
      tx.municipality.update({ where: { id }, data: { active: false } }),
    );

    // Parties and the municipalities each serves.
    const partyIds = new Map<string, string>();
    for (const party of file.parties) {
      const row = await track.upsert(
        'Party',
        await tx.party.findUnique({ where: { partnershipId_key: { partnershipId: partnership.id, key: party.key } } }),
        {
          name: party.name,
          shortName: party.short_name ?? null,
          orgNumber: party.org_number ?? null,
          sector: party.sector === 'public' ? ('PUBLIC' as const) : ('NONPROFIT' as const),
          active: true,
        },
        (data) => tx.party.create({ data: { ...data, partnershipId: partnership.id, key: party.key } }),
        (id, data) => tx.party.update({ where: { id }, data }),
      );
      partyIds.set(party.key, row.id);
      const want = new Set(party.municipalities.map((k) => municipalityIds.get(k)!));
      const have = await tx.partyMunicipality.findMany({ where: { partyId: row.id } });
      for (const h of have.filter((h) => !want.has(h.municipalityId))) {
        await tx.partyMunicipality.delete({ where: { partyId_municipalityId: h } });
        await track.log('unlink', 'PartyMunicipality', `${row.id}:${h.municipalityId}`, h, undefined);
      }
      for (const municipalityId of want) {
        if (have.some((h) => h.municipalityId === municipalityId)) continue;
        await tx.partyMunicipality.create({ data: { partyId: row.id, municipalityId } });
        await track.log('link', 'PartyMunicipality', `${row.id}:${municipalityId}`, undefined, { partyId: row.id, municipalityId });
      }
    }
    await track.deactivateMissing('Party', await tx.party.findMany({ where: { partnershipId: partnership.id, active: true } }), partyIds, (id) =>
      tx.party.update({ where: { id }, data: { active: false } }),
    );

    // Appendices: the file gives each one's initial version. Versions adopted later by the steering
    // group are rows of their own (source "decision") that the file never touches.
    for (const a of file.agreement?.appendices ?? []) {
      await track.upsert(
        'AppendixVersion',
        await tx.appendixVersion.findFirst({ where: { partnershipId: partnership.id, appendixKey: a.key, source: 'file' } }),
        { partyId: partyIds.get(a.party)!, title: a.title, version: a.version, validFrom: new Date(`${a.valid_from}T00:00:00Z`), link: a.link },
        (data) => tx.appendixVersion.create({ data: { ...data, partnershipId: partnership.id, appendixKey: a.key, source: 'file', adoptedAt: at ?? new Date() } }),
        (id, data) => tx.appendixVersion.update({ where: { id }, data }),
      );
    }

    // Groups and their parties (position = order in the file).
    const groupIds = new Map<string, string>();
    for (const g of file.groups) {
      const row = await track.upsert(
        'Group',
        await tx.group.findUnique({ where: { partnershipId_key: { partnershipId: partnership.id, key: g.key } } }),
        {
          kind: g.kind === 'steering' ? ('STEERING' as const) : ('COLLABORATION' as const),
          name: g.name,
          shortCode: g.short_code ?? (g.kind === 'steering' ? 'STY' : 'SAM'),
          channelId: g.channel,
          meetings: g.meetings ?? {},
          rotation: g.rotation ?? {},
        },
        (data) => tx.group.create({ data: { ...data, partnershipId: partnership.id, key: g.key } }),
        (id, data) => tx.group.update({ where: { id }, data }),
      );
      groupIds.set(g.key, row.id);
      const have = await tx.groupParty.findMany({ where: { groupId: row.id } });
      for (const [position, partyKey] of g.parties.entries()) {
        const partyId = partyIds.get(partyKey)!;
        const h = have.find((x) => x.partyId === partyId);
        if (!h) {
          const created = await tx.groupParty.create({ data: { groupId: row.id, partyId, position } });
          await track.log('create', 'GroupParty', `${row.id}:${partyId}`, undefined, created);
        } else if (h.position !== position || !h.active) {
          const updated = await tx.groupParty.update({ where: { groupId_partyId: { groupId: row.id, partyId } }, data: { position, active: true } });
          await track.log('update', 'GroupParty', `${row.id}:${partyId}`, h, updated);
        }
      }
      const wanted = new Set(g.parties.map((k) => partyIds.get(k)!));
      for (const h of have.filter((x) => x.active && !wanted.has(x.partyId))) {
        await tx.groupParty.update({ where: { groupId_partyId: { groupId: row.id, partyId: h.partyId } }, data: { active: false } });
        await track.log('deactivate', 'GroupParty', `${row.id}:${h.partyId}`, h, { ...h, active: false });
      }
    }

    // Members and roles. Members added by command are left alone unless the file names them.
    const seenMembers = new Map<string, string>();
    for (const m of file.members) {
      const row = await track.upsert(
        'Member',
        await tx.member.findUnique({ where: { partnershipId_chatUserId: { partnershipId: partnership.id, chatUserId: m.user } } }),
        { name: m.name, email: m.email ?? null, partyId: partyIds.get(m.party)!, locale: m.locale ?? null, active: true, source: 'file' },
        (data) => tx.member.create({ data: { ...data, partnershipId: partnership.id, chatUserId: m.user } }),
        (id, data) => tx.member.update({ where: { id }, data }),
      );
      seenMembers.set(m.user, row.id);
      changes += await setRoles(tx, actor, row.id, m.roles.map((r) => roleFromSpec(r, groupIds)), at);
    }
    const fileMembers = await tx.member.findMany({ where: { partnershipId: partnership.id, active: true, source: 'file' } });
    for (const m of fileMembers.filter((x) => !seenMembers.has(x.chatUserId))) {
      await tx.member.update({ where: { id: m.id }, data: { active: false } });
      await track.log('deactivate', 'Member', m.id, { active: true }, { active: false });
    }
    return { partnershipId: partnership.id, changes };
  }, { timeout: 60_000, maxWait: 30_000 }).then((r) => {
    invalidateDirectory(r.partnershipId);
    return r;
  });
}

export interface RoleAssignment {
  role: RoleKind;
  groupId: string | null;
  groupKey: string;
}

function roleFromSpec(r: RoleSpec, groupIds: Map<string, string>): RoleAssignment {
  if (r === 'coordinator') return { role: 'COORDINATOR', groupId: null, groupKey: '' };
  if (r === 'admin') return { role: 'ADMIN', groupId: null, groupKey: '' };
  const [role, key] = 'representative' in r ? (['REPRESENTATIVE', r.representative] as const) : (['CHAIR', r.chair] as const);
  return { role, groupId: groupIds.get(key)!, groupKey: key };
}

/** Makes a member's active roles exactly `wanted`; returns the number of changes. */
export async function setRoles(tx: Tx, actor: Actor, memberId: string, wanted: RoleAssignment[], at?: Date): Promise<number> {
  let changes = 0;
  const have = await tx.memberRole.findMany({ where: { memberId } });
  for (const w of wanted) {
    const h = have.find((x) => x.role === w.role && x.groupKey === w.groupKey);
    if (h && h.active && h.groupId === w.groupId) continue;
    const row = h
      ? await tx.memberRole.update({ where: { id: h.id }, data: { active: true, groupId: w.groupId } })
      : await tx.memberRole.create({ data: { memberId, role: w.role, groupKey: w.groupKey, groupId: w.groupId } });
    await audit(tx, actor, { action: h ? 'reactivate' : 'create', entityType: 'MemberRole', entityId: row.id, before: h, after: row }, at);
    changes++;
  }
  for (const h of have.filter((x) => x.active && !wanted.some((w) => w.role === x.role && w.groupKey === x.groupKey))) {
    await tx.memberRole.update({ where: { id: h.id }, data: { active: false } });
    await audit(tx, actor, { action: 'deactivate', entityType: 'MemberRole', entityId: h.id, before: h, after: { ...h, active: false } }, at);
    changes++;
  }
  return changes;
}

function makeTracker(tx: Tx, actor: Actor, at: Date | undefined, onChange: () => void) {
  const log = async (action: string, entityType: string, entityId: string, before: unknown, after: unknown) => {
    onChange();
    await audit(tx, actor, { action, entityType, entityId, before, after }, at);
  };
  return {
    log,
    created: (type: string, id: string, row: unknown) => log('create', type, id, undefined, row),
    async update<R extends { id: string }, D extends Record<string, unknown>>(type: string, row: R, data: D, write: (d: D) => Promise<unknown>) {
      const diff = changedFields(row, data);
      if (!diff) return;
      await write(data);
      await log('update', type, row.id, diff.before, diff.after);
    },
    async upsert<R extends { id: string }, D extends Record<string, unknown>>(
      type: string,
      row: R | null,
      data: D,
      create: (d: D) => Promise<R>,
      update: (id: string, d: D) => Promise<R>,
    ): Promise<R> {
      if (!row) {
        const created = await create(data);
        await log('create', type, created.id, undefined, created);
        return created;
      }
      const diff = changedFields(row, data);
      if (!diff) return row;
      const updated = await update(row.id, data);
      await log(diff.after.active === true ? 'reactivate' : 'update', type, row.id, diff.before, diff.after);
      return updated;
    },
    async deactivateMissing(type: string, rows: { id: string; key: string }[], kept: Map<string, string>, write: (id: string) => Promise<unknown>) {
      for (const r of rows.filter((r) => !kept.has(r.key))) {
        await write(r.id);
        await log('deactivate', type, r.id, { active: true }, { active: false });
      }
    },
  };
}

function changedFields(row: Record<string, unknown>, data: Record<string, unknown>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (stableJson(row[k]) !== stableJson(v)) {
      before[k] = row[k];
      after[k] = v;
    }
  }
  return Object.keys(after).length ? { before, after } : undefined;
}

// JSONB does not keep key order, so compare with sorted keys.
function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Date)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
}
