import type { InputValue } from '../slack/fake/signed-driver.ts';
import type { LocalWorkspace } from './workspace.ts';

const MARKER = 'local-workspace:demo-seed:';

/** One part of the demo history, played by the partnership's members through the bot. */
export interface SeedStep {
  name: string;
  /** The slash command the step needs; without it in manifest.yml the step is skipped. */
  command: string;
  run(ws: LocalWorkspace): Promise<void>;
}

/**
 * Seeds a demo history on the first start of local mode, by driving the bot the way its users
 * would (commands, form submissions, clicks through signed requests): the demo stays valid as the
 * features change, and a step whose feature is not there yet is skipped with a log line.
 * Marker rows keep each step to once per database.
 */
export async function seedDemo(ws: LocalWorkspace, steps: SeedStep[]): Promise<{ seeded: string[]; skipped: string[] }> {
  const { prisma } = ws.bot.ctx;
  const { logger } = ws.bot;
  const seeded: string[] = [];
  const skipped: string[] = [];
  for (const step of steps) {
    // One marker per step: a restart never seeds twice, and a feature that lands later is seeded then.
    const key = `${MARKER}${step.name}`;
    if (await prisma.idempotencyKey.findUnique({ where: { key } })) continue;
    if (!ws.manifest.commands.some((c) => c.command === step.command)) {
      logger.info(`LOCAL MODE: demo seed: skipping "${step.name}" (${step.command} does not exist yet)`);
      skipped.push(step.name);
      continue;
    }
    await prisma.idempotencyKey.create({ data: { key, result: { seededAt: ws.bot.ctx.clock.now().toISOString() } } });
    try {
      await step.run(ws);
      seeded.push(step.name);
    } catch (err) {
      logger.warn(`LOCAL MODE: demo seed: "${step.name}" did not go through: ${(err as Error).message}`);
      skipped.push(step.name);
    }
  }
  await ws.settle();
  // Confirmation modals of the seeded forms would otherwise greet the demo's members.
  for (const v of ws.fake.views.values()) if (v.kind === 'modal') ws.closed.add(v.id);
  if (seeded.length || skipped.length) logger.info(`LOCAL MODE: demo history: seeded ${seeded.join(', ') || 'nothing'}${skipped.length ? `; skipped ${skipped.join(', ')}` : ''}`);
  return { seeded, skipped };
}

/** Waits for the modal the bot opens for `user` and submits it; a refusal fails the step. */
export async function fillModal(ws: LocalWorkspace, user: string, values: Record<string, InputValue>, callbackId?: string): Promise<void> {
  const view = await ws.fake.waitFor(() => {
    const v = ws.topModal(user);
    return v && (!callbackId || v.view.callback_id === callbackId) ? v : undefined;
  }, 5000);
  const r = await ws.submit(user, view.id, values);
  if (r.errors) throw new Error(`the form was refused: ${JSON.stringify(r.errors)}`);
}

