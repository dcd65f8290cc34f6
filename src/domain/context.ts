import type { Prisma } from '../db/client.ts';
import type { Locale } from '../i18n/index.ts';
import type { Clock } from './clock.ts';

/** What every domain service needs: the database, the time, and the partnership it serves. */
export interface DomainContext {
  prisma: Prisma;
  clock: Clock;
  partnershipId: string;
  timezone: string;
  locale: Locale;
  /** Called after a transaction that queued notices commits, so delivery starts at once. */
  onNotices?: () => void;
}
