import type { Job } from './scheduler.ts';
import { runRotationReminders } from '../domain/rotation/reminders.ts';
import { sendDueFollowUps } from '../domain/decisions/index.ts';
import { settleDepartures } from '../domain/decisions/departures.ts';
import { remindMissingReports } from '../domain/statistics/reminders.ts';
import { runEscalationReminders } from '../domain/escalations/reminders.ts';
import { pruneSent } from '../domain/outbox.ts';
import { runGrantReminders } from '../domain/agreement/grants.ts';
import { runAgreementReminders } from '../domain/agreement/term-reminders.ts';
import { remindAnnualReports } from '../domain/followup/reminders.ts';
import { recoverAbandonedActions } from '../domain/ack-journal.ts';

// Each feature's periodic jobs (reminders, deadlines) are added here.
export const jobs: Job[] = [
  { name: 'rotation-reminders', run: runRotationReminders },
  { name: 'decision-follow-ups', run: (ctx, now) => sendDueFollowUps(ctx, now).then(() => undefined) },
  { name: 'decision-departures', run: (ctx, now) => settleDepartures(ctx, now).then(() => undefined) },
  { name: 'statistics-reminders', run: (ctx, now) => remindMissingReports(ctx, now).then(() => undefined) },
  { name: 'escalation-reminders', run: runEscalationReminders },
  { name: 'grant-reminders', run: (ctx, now) => runGrantReminders(ctx, now).then(() => undefined) },
  { name: 'agreement-reminders', run: (ctx, now) => runAgreementReminders(ctx, now).then(() => undefined) },
  { name: 'annual-report-reminders', run: (ctx, now) => remindAnnualReports(ctx, now).then(() => undefined) },
  // Replicas on PostgreSQL: an action another process acknowledged and then died on.
  { name: 'abandoned-actions', run: (ctx) => recoverAbandonedActions(ctx, { onlyProcessAlive: false }).then(() => undefined) },
  { name: 'outbox-prune', run: (ctx, now) => pruneSent(ctx.prisma, now).then(() => undefined) },
];
