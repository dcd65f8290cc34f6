import { isLocale, type Locale } from '../../i18n/index.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { DomainContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { inTransaction } from '../transaction.ts';
import type { MemberView } from './directory.ts';

// What a member may type after `/samverkan språk`, in either language.
const LANGUAGE_WORDS: Record<string, Locale> = {
  sv: 'sv',
  svenska: 'sv',
  swedish: 'sv',
  en: 'en',
  engelska: 'en',
  english: 'en',
};

/** The language a member's word names; a word it does not know is refused in words. */
export function parseLanguage(word: string): Locale {
  const locale = LANGUAGE_WORDS[word.trim().toLowerCase()];
  if (!locale) throw new DomainError('core.language.error.unknown', { value: word });
  return locale;
}

/**
 * Stores the member's own language. It is kept apart from the partnership file's language, so a
 * re-applied file never overwrites it; everything addressed to the member then uses it.
 */
export async function chooseLanguage(ctx: DomainContext, member: MemberView, actor: Actor, locale: Locale): Promise<{ locale: Locale; changed: boolean }> {
  if (!isLocale(locale)) throw new DomainError('core.language.error.unknown', { value: String(locale) });
  return inTransaction(ctx, async (tx) => {
    const before = await tx.member.findUniqueOrThrow({ where: { id: member.id }, select: { chosenLocale: true } });
    if (before.chosenLocale === locale) return { locale, changed: false };
    await tx.member.update({ where: { id: member.id }, data: { chosenLocale: locale } });
    await audit(tx, actor, { action: 'update', entityType: 'Member', entityId: member.id, before, after: { chosenLocale: locale } }, ctx.clock.now());
    return { locale, changed: true };
  });
}
