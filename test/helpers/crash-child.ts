/**
 * A real bot process for crash tests: started like `npm start` (its own database connection, its
 * own HTTP server) against the test's fake Slack. With CRASH_AT it stops forever at that point
 * (src/crash-points.ts) and says so on stdout, so the test kills it with SIGKILL exactly there.
 */
import { loadConfig } from '../../src/config.ts';
import { crashHooks, type CrashPoint } from '../../src/crash-points.ts';
import { startSamverkan } from '../../src/runtime.ts';

const at = process.env.CRASH_AT as CrashPoint | undefined;
if (at) {
  crashHooks[at] = () => {
    process.stdout.write(`STOPPED AT ${at}\n`);
    return new Promise<void>(() => {});
  };
}
const running = await startSamverkan({
  config: loadConfig(),
  scheduler: false,
  outboxConcurrency: 1,
  submitDeadlineMs: Number(process.env.CRASH_SUBMIT_DEADLINE_MS ?? 2800),
});
process.stdout.write(`LISTENING ${running.url}\n`);
