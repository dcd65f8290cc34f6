import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { castVote, checkCanVote, checkCanWithdraw, findDecision, withdrawProposal } from '../../domain/decisions/index.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { decisionDoneView, objectionView, withdrawConfirmView } from '../blocks/decision-form.ts';
import { describeError, localeForUser, localeOf, type SlackDeps } from '../support.ts';
import { modalErrors } from '../modal-errors.ts';
import { notAboutAPerson } from '../edge/personal.ts';
import { openDecisionForm } from './form.ts';
import { ACTION_CONSENT, ACTION_OBJECT, ACTION_SUPERSEDE, ACTION_WITHDRAW, OBJECTION_REASON, VIEW_OBJECTION, VIEW_WITHDRAW } from './ids.ts';

type Args = { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; respond: RespondFn; client: App['client'] };

/** Runs a card button: ack at once, then the domain call; refusals come back as an ephemeral note. */
function button(app: App, deps: SlackDeps, actionId: string, run: (a: Args, locale: Locale) => Promise<string | undefined>) {
  app.action<BlockAction<ButtonAction>>(actionId, async (a) => {
    await a.ack();
    const locale = await localeForUser(deps, a.body.user.id);
    const say = (text: string) => a.respond({ response_type: 'ephemeral', replace_original: false, text });
    try {
      const text = await run(a as Args, locale);
      if (text) await say(text);
    } catch (err) {
      await say(describeError(deps, locale, err));
    }
  });
}

export function registerVotes(app: App, deps: SlackDeps): void {
  button(app, deps, ACTION_CONSENT, async ({ body, action }, locale) => {
    const { member, actor } = await requireActor(deps.ctx, body.user.id);
    const r = await castVote(deps.ctx, member, actor, action.value ?? '', 'CONSENT');
    const d = await findDecision(deps.ctx, r.decision.id);
    const params = { reference: d?.label ?? '', party: member.partyName };
    if (r.adopted) return t(locale, 'decisions.vote.adoptedByYou', params);
    return t(locale, r.liftedObjection ? 'decisions.vote.lifted' : 'decisions.vote.consented', params);
  });

  button(app, deps, ACTION_OBJECT, async ({ body, action, client }, locale) => {
    const { member } = await requireActor(deps.ctx, body.user.id);
    await checkCanVote(deps.ctx, member, action.value ?? '');
    const d = (await findDecision(deps.ctx, action.value ?? ''))!;
    await client.views.open({ trigger_id: body.trigger_id, view: objectionView(locale, { id: d.id, reference: d.label, title: d.title }) as never });
    return undefined;
  });

  // Rights first, then "are you sure?": someone who may not withdraw is told so at once.
  button(app, deps, ACTION_WITHDRAW, async ({ body, action, client }, locale) => {
    const { member } = await requireActor(deps.ctx, body.user.id);
    await checkCanWithdraw(deps.ctx, member, action.value ?? '');
    const d = (await findDecision(deps.ctx, action.value ?? ''))!;
    await client.views.open({ trigger_id: body.trigger_id, view: withdrawConfirmView(locale, { id: d.id, reference: d.label, title: d.title }) as never });
    return undefined;
  });

  app.view(VIEW_WITHDRAW, async ({ ack, body, view }) => {
    let locale: Locale = deps.ctx.locale;
    let text: string;
    let done = true;
    try {
      const { member, actor } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      const d = await withdrawProposal(deps.ctx, member, actor, view.private_metadata);
      text = t(locale, 'decisions.withdraw.done', { reference: (await findDecision(deps.ctx, d.id))?.label ?? '' });
    } catch (err) {
      // A modal without inputs has no field to show an error on: the answer replaces it.
      text = describeError(deps, locale, err);
      done = false;
    }
    await ack({ response_action: 'update', view: decisionDoneView(locale, text, done ? 'decisions.form.done.title' : 'decisions.withdraw.notDoneTitle') as never });
  });

  button(app, deps, ACTION_SUPERSEDE, async ({ body, action, client }) => {
    await openDecisionForm(client, deps, { triggerId: body.trigger_id, userId: body.user.id, channelId: body.channel?.id, supersedesId: action.value });
    return undefined;
  });

  app.view(VIEW_OBJECTION, async ({ ack, body, view }) => {
    let locale: Locale = deps.ctx.locale;
    try {
      const { member, actor } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      const reason = (view.state.values[OBJECTION_REASON]?.[OBJECTION_REASON]?.value as string | undefined) ?? '';
      await castVote(deps.ctx, member, actor, view.private_metadata, 'OBJECTION', reason, { notAboutAPerson: notAboutAPerson(view.state.values) });
      await ack();
    } catch (err) {
      await ack({ response_action: 'errors', errors: modalErrors(deps, locale, err, OBJECTION_REASON, 'decisions') });
    }
  });
}
