import type { Prisma, Tx } from '../../db/client.ts';
import type { DomainContext } from '../context.ts';

/**
 * The kinds of outreach offered when the partnership file sets no `outreach_kinds`: keys whose
 * names are in the message catalogue (`followup.outreach.kind.<key>`), so each reader sees them
 * in their own language. A kind the file names is shown as written.
 */
export const DEFAULT_OUTREACH_KINDS = ['information_meeting', 'lecture', 'stand', 'media', 'training', 'court_witness_support', 'other'] as const;

export const isDefaultKind = (kind: string): kind is (typeof DEFAULT_OUTREACH_KINDS)[number] => (DEFAULT_OUTREACH_KINDS as readonly string[]).includes(kind);

/** The kinds of outreach an entry may have: the file's `outreach_kinds` (synced into the settings), else the default list. */
export async function outreachKinds(ctx: DomainContext, db: Prisma | Tx = ctx.prisma): Promise<string[]> {
  const p = await db.partnership.findUnique({ where: { id: ctx.partnershipId }, select: { settings: true } });
  const kinds = ((p?.settings ?? {}) as { outreachKinds?: string[] | null }).outreachKinds;
  return kinds?.length ? kinds : [...DEFAULT_OUTREACH_KINDS];
}
