import type { Job } from './scheduler.ts';

// Each feature's periodic jobs (reminders, deadlines) are added here.
export const jobs: Job[] = [];
