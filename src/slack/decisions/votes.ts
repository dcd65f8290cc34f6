import type { App } from '@slack/bolt';
import { done, objectionForm, withdrawConfirmForm } from '../../conversation/decisions/forms.ts';
import { FORM_OBJECTION, FORM_WITHDRAW, INTENT_CONSENT, INTENT_OBJECT, INTENT_SUPERSEDE, INTENT_WITHDRAW, OBJECTION_REASON } from '../../conversation/decisions/ids.ts';
import { markup } from '../../conversation/markup.ts';
import { consentTo, objectionFor, objectTo, withdraw, withdrawalFor } from '../../domain/decisions/index.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import type { Locale } from '../../i18n/index.ts';
import type { Receipt } from '../../conversation/form.ts';
import { confirmedNotAboutAPerson, one, onButton, onSubmit, openForm, receiptAnswer } from '../respond.ts';
import { describeError, localeOf, type SlackDeps } from '../support.ts';
import { parseFields } from '../render/index.ts';
import { z } from 'zod';
import { openDecisionForm } from './form.ts';

const OBJECTION = z.object({ [OBJECTION_REASON]: one });

export function registerVotes(app: App, deps: SlackDeps): void {
  onButton(app, deps, INTENT_CONSENT, async ({ payload }, { member, actor, locale }) => {
    const r = await consentTo(deps.ctx, member, actor, payload);
    const params = { reference: r.reference, party: r.party };
    return markup(locale, r.adopted ? 'decisions.vote.adoptedByYou' : r.liftedObjection ? 'decisions.vote.lifted' : 'decisions.vote.consented', params);
  });

  onButton(app, deps, INTENT_OBJECT, async ({ payload, body, client }, { member, locale }) => {
    await openForm(client, deps, body.trigger_id, objectionForm(locale, await objectionFor(deps.ctx, member, payload)), locale);
    return undefined;
  });

  // Rights first, then "are you sure?": someone who may not withdraw is told so at once.
  onButton(app, deps, INTENT_WITHDRAW, async ({ payload, body, client }, { member, locale }) => {
    await openForm(client, deps, body.trigger_id, withdrawConfirmForm(locale, await withdrawalFor(deps.ctx, member, payload)), locale);
    return undefined;
  });

  onButton(app, deps, INTENT_SUPERSEDE, async ({ payload, body, client }) => {
    await openDecisionForm(client, deps, { triggerId: body.trigger_id, userId: body.user.id, channelId: body.channel?.id, supersedesId: payload });
    return undefined;
  });

  // A form without inputs has no field to show an error on: the answer, done or not, replaces it.
  app.view(FORM_WITHDRAW, async ({ ack, body, view }) => {
    let locale: Locale = deps.ctx.locale;
    let answer: Receipt;
    try {
      const { member, actor } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      answer = done(locale, markup(locale, 'decisions.withdraw.done', { reference: await withdraw(deps.ctx, member, actor, view.private_metadata) }));
    } catch (err) {
      answer = done(locale, [describeError(deps, locale, err)], 'decisions.withdraw.notDoneTitle');
    }
    await ack(receiptAnswer(deps, locale, answer) as never);
  });

  // The objection is shown on the card and in the thread; the form just closes.
  onSubmit(
    app,
    deps,
    FORM_OBJECTION,
    OBJECTION_REASON,
    async ({ fields, meta }, { member, actor }) => {
      await objectTo(deps.ctx, member, actor, meta, parseFields(OBJECTION, fields)[OBJECTION_REASON] ?? '', { notAboutAPerson: confirmedNotAboutAPerson(fields) });
      return undefined;
    },
    'decisions',
  );
}
