import { z } from 'zod';
import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { decisionForm, recordedReceipt } from '../../conversation/decisions/forms.ts';
import { FIELD_GROUP, FORM_DECISION } from '../../conversation/decisions/ids.ts';
import { NOT_ABOUT_A_PERSON } from '../../conversation/privacy.ts';
import { decisionFormChoices, submitDecisionForm, type DecisionDraft } from '../../domain/decisions/index.ts';
import { requireActor } from '../../domain/partnership/directory.ts';
import { parseMetadata } from '../edge/parse.ts';
import { parseFields, readState, renderForm } from '../render/index.ts';
import { one, onSubmit, openForm } from '../respond.ts';
import { localeOf, type SlackDeps } from '../support.ts';

export interface OpenFormOptions {
  triggerId: string;
  userId: string;
  channelId?: string;
  prefill?: DecisionDraft;
  supersedesId?: string;
}

const META = z.object({ channel: z.string().optional(), supersedes: z.string().optional() });
type Meta = z.infer<typeof META>;
const FIELDS = z.object({
  group: one, title: one, body: one, background: one, decided_on: one, responsible_party: one, responsible_person: one, follow_up: one, link: one,
  [NOT_ABOUT_A_PERSON]: z.array(z.string()).optional(),
});

/** Opens the decision form; refuses (DomainError) someone who is in no group. */
export async function openDecisionForm(client: WebClient, deps: SlackDeps, o: OpenFormOptions): Promise<void> {
  const { member } = await requireActor(deps.ctx, o.userId);
  const locale = localeOf(deps, member);
  const choices = await decisionFormChoices(deps.ctx, member, { channelId: o.channelId, supersedesId: o.supersedesId, prefill: o.prefill });
  const meta: Meta = { channel: o.channelId, supersedes: o.supersedesId };
  await openForm(client, deps, o.triggerId, decisionForm(locale, choices, JSON.stringify(meta)), locale);
}

export function registerForm(app: App, deps: SlackDeps): void {
  // The group picked in a form offering both kinds: the form is drawn again for it, with what was typed.
  app.action<BlockAction<StaticSelectAction>>({ block_id: FIELD_GROUP, action_id: FIELD_GROUP }, async ({ ack, body, action, client }) => {
    await ack();
    const view = body.view;
    if (!view || view.callback_id !== FORM_DECISION) return;
    try {
      const { member } = await requireActor(deps.ctx, body.user.id);
      const locale = localeOf(deps, member);
      const meta = parseMetadata(META, view.private_metadata);
      const f = parseFields(FIELDS, readState(view.state?.values as never));
      const prefill: DecisionDraft = { title: f.title, body: f.body, background: f.background, responsiblePartyId: f.responsible_party, responsibleUser: f.responsible_person, followUpOn: f.follow_up, link: f.link };
      const choices = await decisionFormChoices(deps.ctx, member, { channelId: meta.channel, supersedesId: meta.supersedes, groupId: action.selected_option.value, prefill });
      const form = decisionForm(locale, choices, view.private_metadata, f.decided_on);
      await client.views.update({ view_id: view.id, hash: view.hash, view: renderForm(form, { locale, timezone: deps.ctx.timezone }) as never });
    } catch (err) {
      deps.logger.warn(`decisions: could not redraw the form for ${body.user.id}: ${(err as Error)?.message ?? err}`);
    }
  });

  onSubmit(
    app,
    deps,
    FORM_DECISION,
    'title',
    async ({ fields, meta, viewId }, { member, actor, locale }) => {
      const m = parseMetadata(META, meta);
      const f = parseFields(FIELDS, fields);
      const r = await submitDecisionForm(deps.ctx, member, actor, {
        groupId: f.group ?? '',
        title: f.title ?? '',
        body: f.body ?? '',
        background: f.background,
        decidedOn: f.decided_on,
        responsiblePartyId: f.responsible_party,
        responsibleUser: f.responsible_person,
        followUpOn: f.follow_up,
        link: f.link,
        notAboutAPerson: (f[NOT_ABOUT_A_PERSON] ?? []).includes('yes'),
        supersedesId: m.supersedes,
        // The view id is the same on every delivery of this submission, and on a double click.
        requestKey: `view:${viewId}`,
      });
      return recordedReceipt(locale, { label: r.label, channelId: r.channelId, duplicate: r.duplicate, proposed: r.decision.status === 'PROPOSED' });
    },
    'decisions',
  );
}
