import { z } from 'zod';
import { parseMetadata } from '../edge/parse.ts';
import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { findDecision, formChoices, localDate, recordDecision, supersessionDraft, type DecisionDraft, type DecisionInput } from '../../domain/decisions/index.ts';
import { ValidationErrors } from '../../domain/errors.ts';
import { findMemberByChatUser, getGroup, requireActor } from '../../domain/partnership/directory.ts';
import { DomainError } from '../../domain/errors.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { decisionDoneView, decisionFormView, withDateFor } from '../blocks/decision-form.ts';
import { localeOf, type SlackDeps } from '../support.ts';
import { modalErrors } from '../modal-errors.ts';
import { VIEW_FORM } from './ids.ts';
import { notAboutAPerson } from '../edge/personal.ts';

export interface OpenFormOptions {
  triggerId: string;
  userId: string;
  channelId?: string;
  prefill?: DecisionDraft;
  supersedesId?: string;
}

const META = z.object({ channel: z.string().optional(), supersedes: z.string().optional() });
type Meta = z.infer<typeof META>;

/** Opens the decision form; refuses (DomainError) someone who is in no group. */
export async function openDecisionForm(client: WebClient, deps: SlackDeps, o: OpenFormOptions): Promise<void> {
  const { member } = await requireActor(deps.ctx, o.userId);
  const locale = localeOf(deps, member);
  const choices = await formChoices(deps.ctx, member);
  let groups = choices.groups;
  let supersedes: { reference: string; title: string } | undefined;
  let prefill = o.prefill;
  if (o.supersedesId) {
    const old = await findDecision(deps.ctx, o.supersedesId);
    if (!old) throw new DomainError('decisions.error.notFound');
    groups = groups.filter((g) => g.id === old.groupId);
    if (groups.length === 0) throw new DomainError('decisions.error.notMemberOfGroup', { group: old.groupName });
    supersedes = { reference: old.label, title: old.title };
    prefill = await supersessionDraft(deps.ctx, old);
  }
  if (groups.length === 0) throw new DomainError('decisions.error.noGroups');
  const meta: Meta = { channel: o.channelId, supersedes: o.supersedesId };
  await client.views.open({
    trigger_id: o.triggerId,
    view: decisionFormView(locale, {
      groups,
      groupId: groups.find((g) => g.channelId === o.channelId)?.id,
      parties: choices.parties,
      today: localDate(deps.ctx.clock.now(), deps.ctx.timezone),
      prefill,
      supersedes,
      privateMetadata: JSON.stringify(meta),
    }) as never,
  });
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type State = Record<string, Record<string, any>>;
const value = (s: State, f: string): string | undefined => {
  const v = s[f]?.[f];
  const raw = v?.value ?? v?.selected_option?.value ?? v?.selected_date ?? v?.selected_user ?? undefined;
  return typeof raw === 'string' && raw.trim() !== '' ? raw : undefined;
};

export function registerForm(app: App, deps: SlackDeps): void {
  // The group picked in a form offering both kinds: the date field comes or goes with it.
  app.action<BlockAction<StaticSelectAction>>({ block_id: 'group', action_id: 'group' }, async ({ ack, body, action, client }) => {
    await ack();
    const view = body.view;
    if (!view || view.callback_id !== VIEW_FORM) return;
    try {
      const group = await getGroup(deps.ctx, action.selected_option.value);
      if (!group) return;
      const { member } = await requireActor(deps.ctx, body.user.id);
      const locale = localeOf(deps, member);
      const today = localDate(deps.ctx.clock.now(), deps.ctx.timezone);
      const { type, callback_id, title, submit, close, private_metadata } = view as unknown as Record<string, unknown>;
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: { type, callback_id, title, submit, close, private_metadata, blocks: withDateFor(locale, view as never, group.kind, today) } as never,
      });
    } catch (err) {
      deps.logger.warn(`decisions: could not redraw the form for ${body.user.id}: ${(err as Error)?.message ?? err}`);
    }
  });

  app.view(VIEW_FORM, async ({ ack, body, view }) => {
    let locale: Locale = deps.ctx.locale;
    try {
      const { member, actor } = await requireActor(deps.ctx, body.user.id);
      locale = localeOf(deps, member);
      const s = view.state.values as State;
      const meta = parseMetadata(META, view.private_metadata);
      const person = value(s, 'responsible_person');
      const responsible = person ? await findMemberByChatUser(deps.ctx, person) : undefined;
      if (person && !responsible) throw new ValidationErrors([{ field: 'responsible_person', key: 'decisions.error.responsibleNotMember' }]);
      const input: DecisionInput = {
        groupId: value(s, 'group') ?? '',
        title: value(s, 'title') ?? '',
        body: value(s, 'body') ?? '',
        background: value(s, 'background'),
        decidedOn: value(s, 'decided_on'),
        responsiblePartyId: value(s, 'responsible_party'),
        responsibleMemberId: responsible?.id,
        followUpOn: value(s, 'follow_up'),
        link: value(s, 'link'),
        notAboutAPerson: notAboutAPerson(s),
        supersedesId: meta.supersedes,
        // The view id is the same on every delivery of this submission, and on a double click.
        requestKey: `view:${view.id}`,
      };
      const r = await recordDecision(deps.ctx, member, actor, input);
      const key = r.duplicate ? 'decisions.form.done.duplicate' : r.decision.status === 'PROPOSED' ? 'decisions.form.done.proposed' : 'decisions.form.done.recorded';
      await ack({ response_action: 'update', view: decisionDoneView(locale, t(locale, key, { reference: r.label, channel: r.channelId })) as never });
    } catch (err) {
      await ack({ response_action: 'errors', errors: modalErrors(deps, locale, err, 'title', 'decisions') });
    }
  });
}
