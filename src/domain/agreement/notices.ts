import type { Prisma, Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { fromDbDate, localDate, toDbDate } from '../dates.ts';
import { DomainError, ValidationErrors } from '../errors.ts';
import { enqueue } from '../outbox.ts';
import type { MemberView } from '../partnership/directory.ts';
import { isRepresentativeIn } from '../partnership/permissions.ts';
import { checkTexts } from '../personal-details.ts';
import { inTransaction } from '../transaction.ts';
import { steeringOf } from './appendices.ts';
import { noticeEffect, periodOn, termSpec } from './term.ts';

/**
 * A party's notice (uppsägning, seed 003 §5.3): given in writing to the steering group by one of
 * the party's representatives there, effective on the next 1 January after a notice given by the
 * deadline, a year later when late. From its effective day the party is out of the agreement
 * (`partiesInAgreement` in in-agreement.ts, the one rule rotation, statistics and votes ask).
 */
export const REASON_MAX = 2000;

export interface NoticeView {
  id: string;
  partyId: string;
  partyName: string;
  givenOn: string;
  deadline: string;
  late: boolean;
  effectiveOn: string;
  /** Withdrawn before it took effect: it never counts. */
  withdrawn: boolean;
}

/** Every notice given, oldest first (withdrawn ones marked). */
export async function listNotices(ctx: DomainContext, db: Prisma | Tx = ctx.prisma): Promise<NoticeView[]> {
  const rows = await db.agreementNotice.findMany({ where: { partnershipId: ctx.partnershipId }, orderBy: { createdAt: 'asc' } });
  const parties = new Map((await db.party.findMany({ where: { id: { in: rows.map((r) => r.partyId) } } })).map((p) => [p.id, p.shortName ?? p.name]));
  return rows.map((r) => toView(r, parties.get(r.partyId) ?? '?'));
}

type NoticeRow = NonNullable<Awaited<ReturnType<Prisma['agreementNotice']['findFirst']>>>;

const toView = (r: NoticeRow, partyName: string): NoticeView => ({
  id: r.id,
  partyId: r.partyId,
  partyName,
  givenOn: fromDbDate(r.givenOn),
  deadline: fromDbDate(r.deadline),
  late: r.late,
  effectiveOn: fromDbDate(r.effectiveOn),
  withdrawn: r.withdrawnAt !== null,
});

/** Only a representative of the party in the steering group gives (or withdraws) its notice. */
export async function requireNoticeGiver(ctx: DomainContext, member: MemberView) {
  const steering = await steeringOf(ctx);
  if (!isRepresentativeIn(member, steering.id)) throw new DomainError('agreement.error.notRepresentative', { party: member.partyName, group: steering.name });
  const spec = await termSpec(ctx);
  if (!spec) throw new DomainError('agreement.error.noTerm');
  const today = localDate(ctx.clock.now(), ctx.timezone);
  const effect = noticeEffect(spec, today);
  if (!effect) throw new DomainError('agreement.error.noNoticeRule');
  if (!periodOn(spec, today)) throw new DomainError(today < spec.start ? 'agreement.error.notStarted' : 'agreement.error.ended', { start: spec.start });
  return { steering, spec, today, effect };
}

async function openNotice(ctx: DomainContext, partyId: string, db: Prisma | Tx) {
  return db.agreementNotice.findFirst({ where: { partnershipId: ctx.partnershipId, partyId, withdrawnAt: null } });
}

/** Refuses a second notice from a party whose notice stands; run before opening the form too. */
export async function checkNoNotice(ctx: DomainContext, member: MemberView, db: Prisma | Tx = ctx.prisma): Promise<void> {
  const open = await openNotice(ctx, member.partyId, db);
  if (open) throw new DomainError('agreement.error.alreadyGiven', { party: member.partyName, givenOn: fromDbDate(open.givenOn), effectiveOn: fromDbDate(open.effectiveOn) });
}

export interface GiveNoticeInput {
  reason: string;
  /** The author confirmed that text with the marks of personal details is not about anyone supported. */
  notAboutAPerson?: boolean;
  /** Unique per request (the form's view id): a repeated submission returns the first notice. */
  requestKey?: string;
}

export interface GiveNoticeResult {
  notice: NoticeView;
  channelId: string;
  endsWithAgreement: boolean;
  duplicate: boolean;
}

/** A steering representative records their party's notice, with its reason; posted to the steering group. */
export async function giveNotice(ctx: DomainContext, member: MemberView, actor: Actor, input: GiveNoticeInput): Promise<GiveNoticeResult> {
  const { steering, today, effect } = await requireNoticeGiver(ctx, member);
  const asView = (r: NoticeRow) => toView(r, member.partyName);
  if (input.requestKey) {
    const earlier = await ctx.prisma.agreementNotice.findUnique({ where: { requestKey: input.requestKey } });
    if (earlier) return { notice: asView(earlier), channelId: steering.channelId, endsWithAgreement: false, duplicate: true };
  }
  const reason = input.reason.trim();
  if (!reason) throw new ValidationErrors([{ field: 'reason', key: 'agreement.error.reasonRequired' }]);
  if (reason.length > REASON_MAX) throw new ValidationErrors([{ field: 'reason', key: 'agreement.error.tooLong', params: { max: REASON_MAX } }]);
  checkTexts([{ field: 'reason', value: reason }], { confirmed: input.notAboutAPerson });
  return inTransaction(ctx, async (tx) => {
    // One standing notice per party, also when two representatives send theirs at once.
    await tx.$queryRaw`SELECT "id" FROM "Party" WHERE "id" = ${member.partyId} FOR UPDATE`;
    await checkNoNotice(ctx, member, tx);
    const now = ctx.clock.now();
    const row = await tx.agreementNotice.create({
      data: {
        partnershipId: ctx.partnershipId,
        partyId: member.partyId,
        givenOn: toDbDate(today),
        deadline: toDbDate(effect.deadline),
        late: effect.late,
        effectiveOn: toDbDate(effect.effectiveOn),
        reason,
        givenById: member.id,
        requestKey: input.requestKey ?? null,
        createdAt: now,
      },
    });
    await audit(tx, actor, { action: 'give-notice', entityType: 'AgreementNotice', entityId: row.id, after: row }, now);
    await enqueue(tx, `agreement:notice:${row.id}`, {
      to: { group: steering.id },
      template: 'agreement.notice',
      data: { party: member.partyName, user: member.chatUserId, reason, givenOn: today, deadline: effect.deadline, late: effect.late, effectiveOn: effect.effectiveOn, endsWithAgreement: effect.endsWithAgreement },
    });
    return { notice: asView(row), channelId: steering.channelId, endsWithAgreement: effect.endsWithAgreement, duplicate: false };
  });
}

/** The party withdraws its notice before it takes effect (a representative of the same party). */
export async function withdrawNotice(ctx: DomainContext, member: MemberView, actor: Actor): Promise<NoticeView> {
  const steering = await steeringOf(ctx);
  if (!isRepresentativeIn(member, steering.id)) throw new DomainError('agreement.error.notRepresentative', { party: member.partyName, group: steering.name });
  return inTransaction(ctx, async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Party" WHERE "id" = ${member.partyId} FOR UPDATE`;
    const open = await openNotice(ctx, member.partyId, tx);
    if (!open) throw new DomainError('agreement.error.noNotice', { party: member.partyName });
    const now = ctx.clock.now();
    const today = localDate(now, ctx.timezone);
    const effectiveOn = fromDbDate(open.effectiveOn);
    if (today >= effectiveOn) throw new DomainError('agreement.error.inEffect', { party: member.partyName, effectiveOn });
    const row = await tx.agreementNotice.update({ where: { id: open.id }, data: { withdrawnAt: now, withdrawnById: member.id } });
    await audit(tx, actor, { action: 'withdraw-notice', entityType: 'AgreementNotice', entityId: row.id, before: { withdrawnAt: null }, after: { withdrawnAt: now } }, now);
    await enqueue(tx, `agreement:notice-withdrawn:${row.id}`, { to: { group: steering.id }, template: 'agreement.noticeWithdrawn', data: { party: member.partyName, user: member.chatUserId, givenOn: fromDbDate(row.givenOn), effectiveOn } });
    return toView(row, member.partyName);
  });
}
