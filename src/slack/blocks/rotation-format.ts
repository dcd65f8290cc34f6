import { t, type Locale, type MessageKey } from '../../i18n/index.ts';

/** "tisdag 10 mars 2026 13:00": meetings are read by weekday first. */
export function meetingTime(locale: Locale, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(new Date(iso));
}

export const dutyNoun = (locale: Locale, duty: string) => t(locale, `rotation.dutyNoun.${duty === 'chair' ? 'chair' : 'documentation'}` as MessageKey);
export const dutyVerb = (locale: Locale, duty: string) => t(locale, `rotation.duty.${duty === 'chair' ? 'chair' : 'documentation'}` as MessageKey);
