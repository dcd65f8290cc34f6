import type { App, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { listAppendices } from '../../domain/agreement/appendices.ts';
import { checkNoNotice, giveNotice, requireNoticeGiver, withdrawNotice } from '../../domain/agreement/notices.ts';
import { agreementOverview } from '../../domain/agreement/overview.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { agreementMessage, agreementRenderers, noticeDoneView, noticeView } from '../blocks/agreement.ts';
import { day } from '../blocks/appendices.ts';
import type { RenderedMessage } from '../blocks/kit.ts';
import { value } from '../escalations/inputs.ts';
import type { SlackFeature } from '../features.ts';
import { modalErrors } from '../modal-errors.ts';
import { notAboutAPerson } from '../edge/personal.ts';
import { describeError, ephemeralReply, localeForUser, localeOf, type SlackDeps } from '../support.ts';
import { VIEW_AGREEMENT_NOTICE } from './ids.ts';
import { markup, strong } from '../../conversation/markup.ts';

export const NOTICE_WORDS = new Set(['uppsägning', 'uppsagning', 'notice']);
const WITHDRAW_WORDS = new Set(['återkalla', 'aterkalla', 'withdraw']);

/** `/samverkan avtal`: the term, the notices given and the appendices; members only. */
export async function agreementReply(deps: SlackDeps, userId: string): Promise<RenderedMessage> {
  const { member } = await requireActor(deps.ctx, userId);
  return agreementMessage(localeOf(deps, member), await agreementOverview(deps.ctx), await listAppendices(deps.ctx));
}

/**
 * `/samverkan uppsägning`: acknowledged at once, then the form opens (or the refusal comes back:
 * not the party's steering representative, a notice already given, no term in the file).
 * `/samverkan uppsägning återkalla` withdraws the party's notice before it takes effect.
 */
export async function noticeCommand(deps: SlackDeps, client: WebClient, o: { userId: string; triggerId: string; args: string[]; respond: RespondFn }): Promise<void> {
  const reply = ephemeralReply(o.respond);
  let locale: Locale = await localeForUser(deps, o.userId);
  try {
    const { member, actor } = await requireActor(deps.ctx, o.userId);
    locale = localeOf(deps, member);
    const [verb] = o.args;
    if (verb && WITHDRAW_WORDS.has(verb.toLowerCase())) {
      const n = await withdrawNotice(deps.ctx, member, actor);
      return void (await reply({ text: t(locale, 'agreement.withdrawn', { party: n.partyName, givenOn: day(locale, n.givenOn) }) }));
    }
    if (verb) return void (await reply({ text: t(locale, 'agreement.error.unknownSubcommand', { value: verb }) }));
    const { effect } = await requireNoticeGiver(deps.ctx, member);
    await checkNoNotice(deps.ctx, member);
    await client.views.open({ trigger_id: o.triggerId, view: noticeView(locale, member.partyName, effect) as never });
  } catch (err) {
    await reply({ text: describeError(deps, locale, err) });
  }
}

function registerForm(app: App, deps: SlackDeps): void {
  app.view(VIEW_AGREEMENT_NOTICE, async ({ ack, body, view }) => {
    let locale = deps.ctx.locale;
    try {
      const { member, actor } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      const state = view.state.values as Parameters<typeof value>[0];
      // The view id is the same on every delivery of this submission, and on a double click.
      const r = await giveNotice(deps.ctx, member, actor, { reason: value(state, 'reason') ?? '', notAboutAPerson: notAboutAPerson(state), requestKey: `view:${view.id}` });
      const p = { channel: r.channelId, deadline: day(locale, r.notice.deadline), effectiveOn: day(locale, r.notice.effectiveOn) };
      await ack({ response_action: 'update', view: noticeDoneView(locale, t(locale, r.notice.late ? 'agreement.form.doneLate' : 'agreement.form.done', p)) as never });
    } catch (err) {
      await ack({ response_action: 'errors', errors: modalErrors(deps, locale, err, 'reason', 'agreement', view.blocks.map((b) => b.block_id)) });
    }
  });
}

/** The agreement's term and the parties' notices. */
export const termFeature: SlackFeature = {
  name: 'agreement',
  register(app, deps) {
    registerForm(app, deps);
  },
  help: (locale) => [strong(t(locale, 'agreement.helpTitle')), '\n', ...markup(locale, 'agreement.help')],
  renderers: agreementRenderers,
};
