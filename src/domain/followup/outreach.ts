import type { Tx } from '../../db/client.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { fromDbDate, isIsoDate, localDate, toDbDate } from '../dates.ts';
import { DomainError, ValidationErrors } from '../errors.ts';
import { requireActor, type MemberView } from '../partnership/directory.ts';
import { isCoordinator } from '../partnership/permissions.ts';
import { textErrors } from '../personal-details.ts';
import { inTransaction } from '../transaction.ts';
import { outreachKinds } from './outreach-kinds.ts';

export const OUTREACH_LIMITS = { audience: 200, description: 1000, participants: 100_000 } as const;

/** What the form gives, as typed: checked here, field by field. */
export interface OutreachInput {
  date?: string;
  kind?: string;
  municipalityId?: string;
  audience?: string;
  participants?: string;
  description?: string;
  /** The recorder confirmed that text with the marks of personal details is not about anyone supported. */
  notAboutAPerson?: boolean;
  /** The submission (a modal's view id), so a redelivered form records nothing twice. */
  requestKey?: string;
}

export interface OutreachEntryView {
  id: string;
  number: number;
  partyId: string;
  partyName: string;
  municipalityId: string;
  municipalityName: string;
  date: string;
  kind: string;
  audience: string;
  participants: number;
  description: string;
}

export interface OutreachRecorder {
  member: MemberView;
  actor: Actor;
  party: { id: string; name: string };
}

/** What the form offers: the kinds, and the partnership's municipalities (the association's own first). */
export interface OutreachChoices {
  kinds: string[];
  municipalities: Array<{ id: string; name: string }>;
  today: string;
}

/** An entry's reference, as lists show it and commands take it. */
export const outreachReference = (n: number) => `UT-${n}`;

/** Reads `UT-12`, `ut-12` or `12`. */
export function parseOutreachReference(text: string | undefined): number | undefined {
  const m = /^(?:ut-?)?(\d{1,9})$/i.exec(text?.trim() ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Outreach is recorded by an association's coordinators and representatives, for their own association. */
export async function requireOutreachRecorder(ctx: DomainContext, chatUserId: string): Promise<OutreachRecorder> {
  const { member, actor } = await requireActor(ctx, chatUserId);
  const party = await ctx.prisma.party.findUniqueOrThrow({ where: { id: member.partyId } });
  if (party.sector !== 'NONPROFIT') throw new DomainError('followup.outreach.error.publicParty', { party: member.partyName });
  if (!isCoordinator(member) && !member.roles.some((r) => r.role === 'REPRESENTATIVE')) throw new DomainError('followup.outreach.error.noRole', { party: member.partyName });
  return { member, actor, party: { id: party.id, name: member.partyName } };
}

export async function outreachChoices(ctx: DomainContext, recorder: OutreachRecorder): Promise<OutreachChoices> {
  const [kinds, municipalities, own] = await Promise.all([
    outreachKinds(ctx),
    ctx.prisma.municipality.findMany({ where: { partnershipId: ctx.partnershipId, active: true } }),
    ctx.prisma.partyMunicipality.findMany({ where: { partyId: recorder.party.id } }),
  ]);
  const served = new Set(own.map((o) => o.municipalityId));
  const sorted = municipalities.sort((a, b) => Number(served.has(b.id)) - Number(served.has(a.id)) || a.name.localeCompare(b.name, 'sv'));
  return { kinds, municipalities: sorted.map((m) => ({ id: m.id, name: m.name })), today: localDate(ctx.clock.now(), ctx.timezone) };
}

type FieldError = { field: string; key: MessageKey; params?: Params };
type Checked = { date: string; kind: string; municipalityId: string; audience: string; participants: number; description: string };

/** Every field's mistake at once, in the form's own field names; nothing is saved until all pass. */
export function checkOutreach(input: OutreachInput, choices: OutreachChoices): Checked {
  const errors: FieldError[] = [];
  const text = (field: 'audience' | 'description') => {
    const v = input[field]?.trim() ?? '';
    if (!v) errors.push({ field, key: 'followup.outreach.error.required' });
    else if (v.length > OUTREACH_LIMITS[field]) errors.push({ field, key: 'followup.outreach.error.tooLong', params: { max: OUTREACH_LIMITS[field] } });
    return v;
  };
  const date = input.date?.trim() ?? '';
  if (!date) errors.push({ field: 'date', key: 'followup.outreach.error.required' });
  else if (!isIsoDate(date)) errors.push({ field: 'date', key: 'followup.outreach.error.date' });
  else if (date > choices.today) errors.push({ field: 'date', key: 'followup.outreach.error.futureDate' });
  const kind = input.kind ?? '';
  if (!kind) errors.push({ field: 'kind', key: 'followup.outreach.error.required' });
  else if (!choices.kinds.includes(kind)) errors.push({ field: 'kind', key: 'followup.outreach.error.unknownKind' });
  const municipalityId = input.municipalityId ?? '';
  if (!municipalityId) errors.push({ field: 'municipality', key: 'followup.outreach.error.required' });
  else if (!choices.municipalities.some((m) => m.id === municipalityId)) errors.push({ field: 'municipality', key: 'followup.outreach.error.unknownMunicipality' });
  const audience = text('audience');
  const raw = input.participants?.trim() ?? '';
  let participants = 0;
  if (!raw) errors.push({ field: 'participants', key: 'followup.outreach.error.participantsRequired' });
  else if (!/^-?\d+$/.test(raw)) errors.push({ field: 'participants', key: 'followup.outreach.error.participantsWhole' });
  else if ((participants = Number(raw)) < 0) errors.push({ field: 'participants', key: 'followup.outreach.error.participantsNegative' });
  else if (participants > OUTREACH_LIMITS.participants) errors.push({ field: 'participants', key: 'followup.outreach.error.participantsTooMany', params: { max: OUTREACH_LIMITS.participants } });
  const description = text('description');
  // Nothing about the people supported is kept: no personnummer, no description of a person unless confirmed.
  errors.push(...textErrors([{ field: 'audience', value: audience }, { field: 'description', value: description }], { confirmed: input.notAboutAPerson, earlier: errors }));
  if (errors.length > 0) throw new ValidationErrors(errors);
  return { date, kind, municipalityId, audience, participants, description };
}

type EntryRow = Awaited<ReturnType<Tx['outreachEntry']['findUniqueOrThrow']>>;

async function view(ctx: DomainContext, row: EntryRow, db: Tx | DomainContext['prisma'] = ctx.prisma): Promise<OutreachEntryView> {
  const [party, municipality] = await Promise.all([db.party.findUniqueOrThrow({ where: { id: row.partyId } }), db.municipality.findUniqueOrThrow({ where: { id: row.municipalityId } })]);
  return toView(row, party.shortName ?? party.name, municipality.name);
}

export function toView(row: EntryRow, partyName: string, municipalityName: string): OutreachEntryView {
  return {
    id: row.id,
    number: row.number,
    partyId: row.partyId,
    partyName,
    municipalityId: row.municipalityId,
    municipalityName,
    date: fromDbDate(row.date),
    kind: row.kind,
    audience: row.audience,
    participants: row.participants,
    description: row.description,
  };
}

const dataOf = (c: Checked) => ({ date: toDbDate(c.date), kind: c.kind, municipalityId: c.municipalityId, audience: c.audience, participants: c.participants, description: c.description });

/** Records one piece of outreach for the recorder's association, with its audit row. */
export async function recordOutreach(ctx: DomainContext, recorder: OutreachRecorder, input: OutreachInput): Promise<{ entry: OutreachEntryView; duplicate: boolean }> {
  const checked = checkOutreach(input, await outreachChoices(ctx, recorder));
  const earlier = async () => (input.requestKey ? await ctx.prisma.outreachEntry.findUnique({ where: { requestKey: input.requestKey } }) : null);
  const found = await earlier();
  if (found) return { entry: await view(ctx, found), duplicate: true };
  try {
    const row = await inTransaction(ctx, async (tx) => {
      // One number at a time per partnership: the lock queues concurrent entries until commit.
      await tx.$queryRaw`SELECT "id" FROM "Partnership" WHERE "id" = ${ctx.partnershipId} FOR UPDATE`;
      const last = await tx.outreachEntry.aggregate({ where: { partnershipId: ctx.partnershipId }, _max: { number: true } });
      const now = ctx.clock.now();
      const created = await tx.outreachEntry.create({
        data: { partnershipId: ctx.partnershipId, number: (last._max.number ?? 0) + 1, partyId: recorder.party.id, ...dataOf(checked), requestKey: input.requestKey ?? null, createdById: recorder.member.id, createdAt: now },
      });
      await audit(tx, recorder.actor, { action: 'outreach.record', entityType: 'OutreachEntry', entityId: created.id, after: created }, now);
      return created;
    });
    return { entry: await view(ctx, row), duplicate: false };
  } catch (err) {
    // Two deliveries of one submission raced: the unique request key let exactly one in.
    const winner = (err as { code?: string }).code === 'P2002' ? await earlier() : null;
    if (winner) return { entry: await view(ctx, winner), duplicate: true };
    throw err;
  }
}

/** The association's own entry by its number; any other association's, or a removed one, is not found. */
export async function ownOutreachEntry(ctx: DomainContext, recorder: OutreachRecorder, number: number, db: Tx | DomainContext['prisma'] = ctx.prisma): Promise<OutreachEntryView> {
  const row = await db.outreachEntry.findUnique({ where: { partnershipId_number: { partnershipId: ctx.partnershipId, number } } });
  if (!row || row.removedAt) throw new DomainError('followup.outreach.error.notFound', { reference: outreachReference(number) });
  if (row.partyId !== recorder.party.id) throw new DomainError('followup.outreach.error.otherAssociation', { reference: outreachReference(number) });
  return view(ctx, row, db);
}

/** Corrects an entry of the recorder's association: the old values stay in the audit log. */
export async function correctOutreach(ctx: DomainContext, recorder: OutreachRecorder, number: number, input: OutreachInput): Promise<OutreachEntryView> {
  const checked = checkOutreach(input, await outreachChoices(ctx, recorder));
  return inTransaction(ctx, async (tx) => {
    const before = await ownOutreachEntry(ctx, recorder, number, tx);
    const now = ctx.clock.now();
    const row = await tx.outreachEntry.update({ where: { id: before.id }, data: { ...dataOf(checked), updatedAt: now } });
    await audit(tx, recorder.actor, { action: 'outreach.correct', entityType: 'OutreachEntry', entityId: row.id, before, after: row }, now);
    return view(ctx, row, tx);
  });
}

/** Removes an entry of the recorder's association from every list and summary; the row and the audit log keep it. */
export async function removeOutreach(ctx: DomainContext, recorder: OutreachRecorder, number: number): Promise<OutreachEntryView> {
  return inTransaction(ctx, async (tx) => {
    const before = await ownOutreachEntry(ctx, recorder, number, tx);
    const now = ctx.clock.now();
    await tx.outreachEntry.update({ where: { id: before.id }, data: { removedAt: now, removedById: recorder.member.id } });
    await audit(tx, recorder.actor, { action: 'outreach.remove', entityType: 'OutreachEntry', entityId: before.id, before }, now);
    return before;
  });
}
