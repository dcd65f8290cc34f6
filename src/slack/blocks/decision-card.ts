import type { DecisionCardData } from '../../domain/decisions/index.ts';
import { formatDate, t, type Locale } from '../../i18n/index.ts';
import { ACTION_CONSENT, ACTION_OBJECT, ACTION_SUPERSEDE, ACTION_WITHDRAW } from '../decisions/ids.ts';
import { actions, button, context, escapeMrkdwn, header, section, type Block, type RenderedMessage } from './kit.ts';
import type { RenderEnv, Renderers } from './renderers.ts';

const day = (locale: Locale, iso: string, tz: string) => formatDate(locale, new Date(`${iso}T12:00:00Z`), tz);

/** The card of a decision or proposal in its group's channel, updated in place as votes come in. */
export function decisionCard(d: DecisionCardData, env: RenderEnv): RenderedMessage {
  const { locale } = env;
  const reference = d.reference ?? d.proposalReference ?? '';
  const title = t(locale, d.status === 'ADOPTED' ? 'decisions.card.decision' : 'decisions.card.proposal', { reference, title: d.title });
  const status =
    d.status === 'ADOPTED'
      ? t(locale, 'decisions.card.status.ADOPTED', { date: d.decidedOn ? day(locale, d.decidedOn, env.timezone) : '', group: d.groupName })
      : d.status === 'WITHDRAWN'
        ? t(locale, 'decisions.card.status.WITHDRAWN', { user: d.closedByUser ?? '' })
        : t(locale, 'decisions.card.status.PROPOSED', { group: d.groupName });
  const blocks: Block[] = [header(title), section(status)];
  if (d.supersededBy) blocks.push(section(t(locale, 'decisions.card.supersededBy', { reference: d.supersededBy.reference })));
  blocks.push(section(escapeMrkdwn(d.body)));
  const details = [
    d.background && t(locale, 'decisions.card.background', { text: escapeMrkdwn(d.background) }),
    (d.responsibleParty || d.responsibleUser) &&
      t(locale, 'decisions.card.responsible', { who: [d.responsibleParty && escapeMrkdwn(d.responsibleParty), d.responsibleUser && `<@${d.responsibleUser}>`].filter(Boolean).join(', ') }),
    d.followUpOn && t(locale, 'decisions.card.followUp', { date: day(locale, d.followUpOn, env.timezone) }),
    d.link && t(locale, 'decisions.card.link', { url: d.link.replace(/[<>|]/g, '') }),
  ].filter((x): x is string => !!x);
  if (details.length > 0) blocks.push(section(details.join('\n')));
  if (d.supersedes) blocks.push(section(t(locale, 'decisions.card.supersedes', { reference: d.supersedes.reference, title: escapeMrkdwn(d.supersedes.title) })));
  if (d.steering && d.parties.length > 0) {
    const lines = d.parties.map((p) => t(locale, `decisions.card.party.${p.state}`, { party: escapeMrkdwn(p.name), user: p.voterUser ?? '', reason: escapeMrkdwn(p.reason ?? '') }));
    blocks.push(section(`${t(locale, 'decisions.card.parties')}\n${lines.join('\n')}`));
    if (d.status === 'PROPOSED' && d.parties.some((p) => p.state === 'OBJECTION')) blocks.push(section(t(locale, 'decisions.card.objected')));
  }
  if (d.status === 'PROPOSED') {
    blocks.push(
      actions(`decision_votes`, [
        button(t(locale, 'decisions.button.consent'), ACTION_CONSENT, d.id, 'primary'),
        button(t(locale, 'decisions.button.object'), ACTION_OBJECT, d.id),
        // No client-side confirm: Slack would ask everyone "are you sure?" before the bot can say
        // that only the chair may; the bot checks first and then asks in a modal of its own.
        button(t(locale, 'decisions.button.withdraw'), ACTION_WITHDRAW, d.id, 'danger'),
      ]),
    );
  } else if (d.status === 'ADOPTED' && !d.supersededBy) {
    blocks.push(actions('decision_actions', [button(t(locale, 'decisions.button.supersede'), ACTION_SUPERSEDE, d.id)]));
  }
  if (d.createdByUser) blocks.push(context(t(locale, d.steering ? 'decisions.card.proposedBy' : 'decisions.card.recordedBy', { user: d.createdByUser })));
  // The header is plain text; the fallback text is read as mrkdwn, where a typed <!channel> would ping.
  return { text: escapeMrkdwn(title), blocks };
}

const simple = (text: string): RenderedMessage => ({ text, blocks: [section(text)] });

export const decisionRenderers: Renderers = {
  'decision.card': decisionCard,
  'decision.adopted': (d: { reference: string }, env) => simple(t(env.locale, 'decisions.notice.adopted', { reference: d.reference })),
  'decision.objection': (d: { party: string; user: string; reason: string }, env) =>
    simple(t(env.locale, 'decisions.notice.objection', { party: escapeMrkdwn(d.party), user: d.user, reason: escapeMrkdwn(d.reason) })),
  'decision.followUp': (d: { reference: string; title: string; responsibleUser: string | null; personal?: boolean }, env) =>
    simple(
      d.personal
        ? t(env.locale, 'decisions.notice.followUpPersonal', { reference: d.reference, title: escapeMrkdwn(d.title) })
        : t(env.locale, 'decisions.notice.followUp', {
            reference: d.reference,
            title: escapeMrkdwn(d.title),
            responsible: d.responsibleUser ? t(env.locale, 'decisions.notice.followUpResponsible', { user: d.responsibleUser }) : '',
          }),
    ),
};
