import { isLocale, type Locale } from '../../i18n/index.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { inTransaction } from '../transaction.ts';
import { invalidateDirectory, type MemberView } from './directory.ts';

// What a member may type after `/samverkan språk`, in either language.
const LANGUAGE_WORDS: Record<string, Locale> = {
  sv: 'sv',
  svenska: 'sv',
  swedish: 'sv',
  en: 'en',
  engelska: 'en',
  english: 'en',
};

// Words for "no choice of my own": the file's language, else the partnership's.
const DEFAULT_WORDS = new Set(['standard', 'default', 'förval', 'forval']);

/** The language a member's word names (`default` for none of their own); a word it does not know is refused in words. */
export function parseLanguage(word: string): Locale | 'default' {
  if (DEFAULT_WORDS.has(word.trim().toLowerCase())) return 'default';
  const locale = LANGUAGE_WORDS[word.trim().toLowerCase()];
  if (!locale) throw new DomainError('core.language.error.unknown', { value: word });
  return locale;
}

/**
 * Stores the member's own language. It is kept apart from the partnership file's language, so a
 * re-applied file never overwrites it; everything addressed to the member then uses it.
 */
export async function chooseLanguage(ctx: DomainContext, member: MemberView, actor: Actor, choice: Locale | 'default'): Promise<{ locale: Locale; changed: boolean }> {
  if (choice !== 'default' && !isLocale(choice)) throw new DomainError('core.language.error.unknown', { value: String(choice) });
  const chosenLocale = choice === 'default' ? null : choice;
  const r = await inTransaction(ctx, async (tx) => {
    const before = await tx.member.findUniqueOrThrow({ where: { id: member.id }, select: { chosenLocale: true, locale: true } });
    // The language the member gets: their choice, else the file's, else the partnership's.
    const locale = chosenLocale ?? (isLocale(before.locale) ? before.locale : ctx.locale);
    if (before.chosenLocale === chosenLocale) return { locale, changed: false };
    await tx.member.update({ where: { id: member.id }, data: { chosenLocale } });
    await audit(tx, actor, { action: 'update', entityType: 'Member', entityId: member.id, before: { chosenLocale: before.chosenLocale }, after: { chosenLocale } }, ctx.clock.now());
    return { locale, changed: true };
  });
  // What this request read of the member (its language) is out of date now.
  if (r.changed) invalidateDirectory(ctx.partnershipId);
  return r;
}
