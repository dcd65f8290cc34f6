import type { App, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { findPartyAppendix, listAppendices, proposeAppendixChange, requireProposer } from '../../domain/agreement/appendices.ts';
import { localDate } from '../../domain/dates.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { appendixChangeView, appendixDoneView, appendixListMessage, appendixRenderers } from '../blocks/appendices.ts';
import type { RenderedMessage } from '../blocks/kit.ts';
import { parseMetadata } from '../edge/parse.ts';
import { value } from '../escalations/inputs.ts';
import type { SlackFeature } from '../features.ts';
import { modalErrors } from '../modal-errors.ts';
import { notAboutAPerson } from '../edge/personal.ts';
import { describeError, ephemeralReply, localeForUser, localeOf, type SlackDeps } from '../support.ts';
import { VIEW_APPENDIX_CHANGE } from './ids.ts';
import { grantsRenderers } from '../blocks/grants-messages.ts';
import { markup, strong } from '../../conversation/markup.ts';

export const CHANGE_WORDS = new Set(['bilaga', 'appendix']);
const CHANGE_VERBS = new Set(['ändra', 'andra', 'change']);

const META = z.object({ party: z.string() });

/** `/samverkan bilagor`: every party's appendix with its history; members only. */
export async function appendixListReply(deps: SlackDeps, userId: string): Promise<RenderedMessage> {
  const { member } = await requireActor(deps.ctx, userId);
  return appendixListMessage(localeOf(deps, member), await listAppendices(deps.ctx));
}

/**
 * `/samverkan bilaga ändra <part>`: acknowledged at once, then the form opens (or the refusal
 * comes back: not a representative, no such party, a proposal already open).
 */
export async function appendixCommand(deps: SlackDeps, client: WebClient, o: { userId: string; triggerId: string; args: string[]; respond: RespondFn }): Promise<void> {
  const reply = ephemeralReply(o.respond);
  let locale: Locale = await localeForUser(deps, o.userId);
  try {
    const { member } = await requireActor(deps.ctx, o.userId);
    locale = localeOf(deps, member);
    const [verb, ...party] = o.args;
    if (!verb || !CHANGE_VERBS.has(verb.toLowerCase())) return void (await reply({ text: t(locale, 'appendices.error.unknownSubcommand', { value: verb ?? '' }) }));
    await requireProposer(deps.ctx, member);
    const a = await findPartyAppendix(deps.ctx, party.join(' ') || undefined);
    if (a.pending) return void (await reply({ text: t(locale, 'appendices.error.pending', { party: a.partyName, proposal: a.pending }) }));
    const today = localDate(deps.ctx.clock.now(), deps.ctx.timezone);
    await client.views.open({ trigger_id: o.triggerId, view: appendixChangeView(locale, a, today, JSON.stringify({ party: a.partyKey })) as never });
  } catch (err) {
    await reply({ text: describeError(deps, locale, err) });
  }
}

function registerForm(app: App, deps: SlackDeps): void {
  app.view(VIEW_APPENDIX_CHANGE, async ({ ack, body, view }) => {
    let locale = deps.ctx.locale;
    try {
      const { member, actor } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      const state = view.state.values as Parameters<typeof value>[0];
      const m = parseMetadata(META, view.private_metadata);
      const r = await proposeAppendixChange(deps.ctx, member, actor, {
        partyKey: m.party,
        title: value(state, 'title') ?? '',
        version: value(state, 'version') ?? '',
        validFrom: value(state, 'valid_from') ?? '',
        link: value(state, 'link') ?? '',
        changes: value(state, 'changes') ?? '',
        notAboutAPerson: notAboutAPerson(state),
        // The view id is the same on every delivery of this submission, and on a double click.
        requestKey: `view:${view.id}`,
      });
      await ack({ response_action: 'update', view: appendixDoneView(locale, t(locale, 'appendices.form.done', { proposal: r.label, channel: r.channelId })) as never });
    } catch (err) {
      await ack({ response_action: 'errors', errors: modalErrors(deps, locale, err, 'changes', 'appendices', view.blocks.map((b) => b.block_id)) });
    }
  });
}

/** The parties' appendices (bilagor) and their changes by steering decision. */
export const appendicesFeature: SlackFeature = {
  name: 'appendices',
  register(app, deps) {
    registerForm(app, deps);
  },
  help: (locale) => [strong(t(locale, 'appendices.helpTitle')), '\n', ...markup(locale, 'appendices.help')],
  renderers: appendixRenderers,
};

/**
 * The agreement's grants. `/samverkan bidrag` is answered by the core command (it is a
 * subcommand of `/samverkan`); this feature adds its help lines and the reminder's renderer.
 */
export const grantsFeature: SlackFeature = {
  name: 'grants',
  register() {},
  help: (locale) => markup(locale, 'grants.help'),
  renderers: grantsRenderers,
};
