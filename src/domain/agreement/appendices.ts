import type { Prisma, Tx } from '../../db/client.ts';
import { t } from '../../i18n/index.ts';
import type { Actor } from '../actor.ts';
import { systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { fromDbDate, isIsoDate, toDbDate } from '../dates.ts';
import { displayReference, proposeDecision, type DecisionRow } from '../decisions/index.ts';
import { DomainError, ValidationErrors } from '../errors.ts';
import { enqueue } from '../outbox.ts';
import { listGroups, type GroupView, type MemberView } from '../partnership/directory.ts';
import { isRepresentativeIn } from '../partnership/permissions.ts';
import { checkTexts } from '../personal-details.ts';
import { inTransaction } from '../transaction.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';

/**
 * The agreement's commitments (bilagor, seed 003 §2.1): each party's appendix with its versions.
 * The partnership file gives the initial version; a change is valid only as a unanimous steering
 * decision, so it is proposed through the decision log (origin 'appendix-change') and becomes a
 * version of the appendix in the transaction that adopts the decision.
 */
export const ORIGIN = 'appendix-change';

export const LIMITS = { title: 200, version: 30, link: 500, changes: 2000 } as const;

export interface AppendixVersionView {
  id: string;
  title: string;
  version: string;
  validFrom: string;
  link: string;
  changes: string | null;
  source: 'file' | 'decision';
  /** The adopted decision's reference ("STY 2026:3") for a change; null for the file's version. */
  decisionReference: string | null;
}

export interface PartyAppendix {
  partyId: string;
  partyKey: string;
  partyName: string;
  appendixKey: string;
  current: AppendixVersionView;
  /** Every version, oldest first (the current one last). */
  history: AppendixVersionView[];
  /** The open proposal for a change, if any ("STY-F4"). */
  pending: string | null;
}

type Row = NonNullable<Awaited<ReturnType<Prisma['appendixVersion']['findFirst']>>>;

const view = (r: Row, references: Map<string, string>): AppendixVersionView => ({
  id: r.id,
  title: r.title,
  version: r.version,
  validFrom: fromDbDate(r.validFrom),
  link: r.link,
  changes: r.changes,
  source: r.source === 'decision' ? 'decision' : 'file',
  decisionReference: r.decisionId ? (references.get(r.decisionId) ?? null) : null,
});

/** The file's version is the initial one; every decided change follows in the order adopted. */
const rank = (r: Row) => (r.source === 'file' ? 0 : 1);
const byAdoption = (a: Row, b: Row) => rank(a) - rank(b) || +a.adoptedAt! - +b.adoptedAt! || +a.createdAt - +b.createdAt;

/** Every party's appendix with its history, in the parties' order of the partnership file's creation. */
export async function listAppendices(ctx: DomainContext, db: Prisma | Tx = ctx.prisma): Promise<PartyAppendix[]> {
  const rows = await db.appendixVersion.findMany({ where: { partnershipId: ctx.partnershipId, withdrawnAt: null } });
  const parties = await db.party.findMany({ where: { partnershipId: ctx.partnershipId, active: true }, orderBy: { createdAt: 'asc' } });
  const decisionIds = rows.flatMap((r) => (r.decisionId ? [r.decisionId] : []));
  const decisions = decisionIds.length ? await db.decision.findMany({ where: { id: { in: decisionIds } } }) : [];
  const steering = (await listGroups(ctx, db)).find((g) => g.kind === 'STEERING');
  const references = new Map(decisions.map((d) => [d.id, d.status === 'ADOPTED' ? (d.reference ?? '') : displayReference(d, steering?.shortCode ?? 'STY')]));
  const out: PartyAppendix[] = [];
  for (const p of parties) {
    const mine = rows.filter((r) => r.partyId === p.id);
    const adopted = mine.filter((r) => r.adoptedAt).sort(byAdoption);
    const current = adopted.at(-1);
    if (!current) continue;
    const open = mine.find((r) => !r.adoptedAt && r.decisionId && decisions.find((d) => d.id === r.decisionId)?.status === 'PROPOSED');
    out.push({
      partyId: p.id,
      partyKey: p.key,
      partyName: p.shortName ?? p.name,
      appendixKey: current.appendixKey,
      current: view(current, references),
      history: adopted.map((r) => view(r, references)),
      pending: open?.decisionId ? (references.get(open.decisionId) ?? null) : null,
    });
  }
  return out;
}

/** The appendix of the party named by its key (as in the file) or its name; refuses an unknown one. */
export async function findPartyAppendix(ctx: DomainContext, partyWord: string | undefined): Promise<PartyAppendix> {
  const all = await listAppendices(ctx);
  const w = partyWord?.trim().toLowerCase();
  if (!w) throw new DomainError('appendices.error.needParty', { parties: all.map((a) => a.partyKey).join(', ') });
  const found = all.find((a) => a.partyKey === w || a.partyName.toLowerCase() === w);
  if (!found) throw new DomainError('appendices.error.unknownParty', { value: partyWord!.trim(), parties: all.map((a) => a.partyKey).join(', ') });
  return found;
}

/** The partnership's steering group: it decides the agreement's changes and receives its notices. */
export async function steeringOf(ctx: DomainContext, db: Prisma | Tx = ctx.prisma): Promise<GroupView> {
  const g = (await listGroups(ctx, db)).find((x) => x.kind === 'STEERING');
  if (!g) throw new DomainError('appendices.error.noSteering');
  return g;
}

/** Only a steering-group representative may propose a change to an appendix. */
export async function requireProposer(ctx: DomainContext, member: MemberView): Promise<GroupView> {
  const steering = await steeringOf(ctx);
  if (!isRepresentativeIn(member, steering.id)) throw new DomainError('appendices.error.notRepresentative', { group: steering.name });
  return steering;
}

export interface AppendixChangeInput {
  partyKey: string;
  title: string;
  version: string;
  validFrom: string;
  link: string;
  changes: string;
  /** The author confirmed that text with the marks of personal details is not about anyone supported. */
  notAboutAPerson?: boolean;
  /** Unique per request (the form's view id): a repeated submission returns the first proposal. */
  requestKey?: string;
}

type FieldError = { field: string; key: MessageKey; params?: Params };

function validate(input: AppendixChangeInput, current: AppendixVersionView): void {
  const errors: FieldError[] = [];
  const text = (field: string, v: string | undefined, max: number) => {
    const s = v?.trim();
    if (!s) errors.push({ field, key: 'appendices.error.required' });
    else if (s.length > max) errors.push({ field, key: 'appendices.error.tooLong', params: { max } });
  };
  text('title', input.title, LIMITS.title);
  text('version', input.version, LIMITS.version);
  text('changes', input.changes, LIMITS.changes);
  if (!errors.some((e) => e.field === 'version') && input.version.trim() === current.version) errors.push({ field: 'version', key: 'appendices.error.sameVersion', params: { version: current.version } });
  if (!input.validFrom?.trim()) errors.push({ field: 'valid_from', key: 'appendices.error.required' });
  else if (!isIsoDate(input.validFrom.trim())) errors.push({ field: 'valid_from', key: 'appendices.error.date' });
  const link = input.link?.trim();
  if (!link) errors.push({ field: 'link', key: 'appendices.error.required' });
  else if (link.length > LIMITS.link || !isHttpsUrl(link)) errors.push({ field: 'link', key: 'appendices.error.link' });
  // The link is free text too: a personnummer in its path or query (URL-encoded or not) is stored as much as in a sentence.
  const texts = (['title', 'version', 'changes', 'link'] as const).map((field) => ({ field, value: input[field]?.trim() }));
  checkTexts(texts, { confirmed: input.notAboutAPerson, earlier: errors });
}

function isHttpsUrl(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' && !!u.hostname;
  } catch {
    return false;
  }
}

export interface ProposeResult {
  decision: DecisionRow;
  label: string;
  channelId: string;
  duplicate: boolean;
}

/**
 * A steering representative proposes a new version of a party's appendix: a steering proposal
 * (STY-Fn) whose adoption records the version. One open proposal per appendix at a time.
 */
export async function proposeAppendixChange(ctx: DomainContext, member: MemberView, actor: Actor, input: AppendixChangeInput): Promise<ProposeResult> {
  const steering = await requireProposer(ctx, member);
  const label = (d: DecisionRow) => displayReference(d, steering.shortCode);
  if (input.requestKey) {
    const earlier = await ctx.prisma.decision.findUnique({ where: { requestKey: input.requestKey } });
    if (earlier) return { decision: earlier, label: label(earlier), channelId: steering.channelId, duplicate: true };
  }
  const appendix = await findPartyAppendix(ctx, input.partyKey);
  validate(input, appendix.current);
  if (appendix.pending) throw new DomainError('appendices.error.pending', { party: appendix.partyName, proposal: appendix.pending });
  const l = ctx.locale;
  const v = { title: input.title.trim(), version: input.version.trim(), validFrom: input.validFrom.trim(), link: input.link.trim(), changes: input.changes.trim() };
  return inTransaction(ctx, async (tx) => {
    // One open proposal per appendix, also when two are submitted at once.
    await tx.$queryRaw`SELECT "id" FROM "Party" WHERE "id" = ${appendix.partyId} FOR UPDATE`;
    const open = await tx.appendixVersion.findFirst({ where: { partyId: appendix.partyId, adoptedAt: null, withdrawnAt: null } });
    if (open) {
      const pending = open.decisionId ? await tx.decision.findUnique({ where: { id: open.decisionId } }) : null;
      throw new DomainError('appendices.error.pending', { party: appendix.partyName, proposal: pending ? label(pending) : '?' });
    }
    const now = ctx.clock.now();
    const row = await tx.appendixVersion.create({
      data: {
        partnershipId: ctx.partnershipId,
        partyId: appendix.partyId,
        appendixKey: appendix.appendixKey,
        ...v,
        validFrom: toDbDate(v.validFrom),
        source: 'decision',
        createdById: member.id,
        createdAt: now,
      },
    });
    const d = await proposeDecision(
      ctx,
      actor,
      {
        groupId: steering.id,
        title: t(l, 'appendices.decision.title', { party: appendix.partyName, version: v.version }),
        body: t(l, 'appendices.decision.body', { party: appendix.partyName, title: v.title, version: v.version, validFrom: v.validFrom, changes: v.changes }),
        background: t(l, 'appendices.decision.background', { title: appendix.current.title, version: appendix.current.version, validFrom: appendix.current.validFrom, link: appendix.current.link }),
        link: v.link,
        // Made of the appendix form's fields, checked above, and the file's own text.
        notAboutAPerson: true,
        origin: { type: ORIGIN, id: row.id },
        requestKey: input.requestKey,
      },
      tx,
    );
    await tx.appendixVersion.update({ where: { id: row.id }, data: { decisionId: d.id } });
    await audit(tx, actor, { action: 'propose-change', entityType: 'AppendixVersion', entityId: row.id, after: { ...row, decisionId: d.id } }, now);
    return { decision: d, label: label(d), channelId: steering.channelId, duplicate: false };
  });
}

/** The unanimous decision makes the proposed version the appendix's current one, and says so in the channel. */
async function adopted(tx: Tx, d: DecisionRow): Promise<void> {
  const row = await tx.appendixVersion.findUnique({ where: { id: d.originId ?? '' } });
  if (!row || row.adoptedAt || row.withdrawnAt) return;
  const at = d.adoptedAt ?? new Date();
  await tx.appendixVersion.update({ where: { id: row.id }, data: { adoptedAt: at, decisionId: d.id } });
  await audit(tx, systemActor(row.partnershipId, `decision ${d.reference}`), { action: 'adopt', entityType: 'AppendixVersion', entityId: row.id, before: { adoptedAt: null }, after: { adoptedAt: at, decisionId: d.id, reference: d.reference } }, at);
  const party = await tx.party.findUnique({ where: { id: row.partyId } });
  await enqueue(tx, `appendix-changed:${row.id}`, {
    to: { group: d.groupId },
    template: 'appendix.changed',
    data: { party: party?.shortName ?? party?.name ?? '?', title: row.title, version: row.version, validFrom: fromDbDate(row.validFrom), link: row.link, reference: d.reference ?? '' },
  });
}

/** A withdrawn proposal records nothing: the proposed version never counts. */
async function closed(tx: Tx, d: DecisionRow): Promise<void> {
  const row = await tx.appendixVersion.findUnique({ where: { id: d.originId ?? '' } });
  if (!row || row.adoptedAt || row.withdrawnAt) return;
  const at = d.closedAt ?? new Date();
  await tx.appendixVersion.update({ where: { id: row.id }, data: { withdrawnAt: at } });
  await audit(tx, systemActor(row.partnershipId, `decision ${d.id}`), { action: 'withdraw', entityType: 'AppendixVersion', entityId: row.id, after: { withdrawnAt: at } }, at);
}

/** An appendix change's part in the decision log (wired by `wireDecisionOrigins`). */
export const appendixOrigin = { type: ORIGIN, adopted, closed };
