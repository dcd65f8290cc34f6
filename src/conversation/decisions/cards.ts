import type { DecisionCardData } from '../../domain/decisions/index.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { actions, button, context, note, text, type Card, type CardElement } from '../card.ts';
import { join, markup, mention, type Markup } from '../markup.ts';
import { INTENT_CONSENT, INTENT_OBJECT, INTENT_SUPERSEDE, INTENT_WITHDRAW } from './ids.ts';

/** The card of a decision or proposal in its group's channel, updated in place as votes come in. */
export function decisionCard(d: DecisionCardData, locale: Locale): Card {
  const reference = d.reference ?? d.proposalReference ?? '';
  const heading = t(locale, d.status === 'ADOPTED' ? 'decisions.card.decision' : 'decisions.card.proposal', { reference, title: d.title });
  const status =
    d.status === 'ADOPTED'
      ? markup(locale, 'decisions.card.status.ADOPTED', { date: d.decidedOn ?? '', group: d.groupName })
      : d.status === 'WITHDRAWN'
        ? markup(locale, 'decisions.card.status.WITHDRAWN', { user: d.closedByUser ?? '' })
        : markup(locale, 'decisions.card.status.PROPOSED', { group: d.groupName });
  const body: CardElement[] = [text(status)];
  if (d.supersededBy) body.push(text(markup(locale, 'decisions.card.supersededBy', { reference: d.supersededBy.reference })));
  body.push(text([d.body]));
  const who: Markup[] = [...(d.responsibleParty ? [[d.responsibleParty]] : []), ...(d.responsibleUser ? [[mention(d.responsibleUser)]] : [])];
  const details: Markup[] = [
    ...(d.background ? [markup(locale, 'decisions.card.background', { text: d.background })] : []),
    ...(who.length ? [markup(locale, 'decisions.card.responsible', { who: join(', ', who) })] : []),
    ...(d.followUpOn ? [markup(locale, 'decisions.card.followUp', { date: d.followUpOn })] : []),
    ...(d.link ? [markup(locale, 'decisions.card.link', { url: d.link })] : []),
  ];
  if (details.length > 0) body.push(text(join('\n', details)));
  if (d.supersedes) body.push(text(markup(locale, 'decisions.card.supersedes', { reference: d.supersedes.reference, title: d.supersedes.title })));
  if (d.steering && d.parties.length > 0) {
    const lines = d.parties.map((p) => markup(locale, `decisions.card.party.${p.state}`, { party: p.name, user: p.voterUser ?? '', reason: p.reason ?? '' }));
    body.push(text(join('\n', [markup(locale, 'decisions.card.parties'), ...lines])));
    if (d.status === 'PROPOSED' && d.parties.some((p) => p.state === 'OBJECTION')) body.push(text(markup(locale, 'decisions.card.objected')));
  }
  if (d.status === 'PROPOSED') {
    body.push(
      actions(
        [
          button(INTENT_CONSENT, t(locale, 'decisions.button.consent'), d.id, 'primary'),
          button(INTENT_OBJECT, t(locale, 'decisions.button.object'), d.id),
          // No confirmation on the card: the platform would ask everyone "are you sure?" before
          // the bot can say that only the chair may; the bot checks first, then asks in a form.
          button(INTENT_WITHDRAW, t(locale, 'decisions.button.withdraw'), d.id, 'danger'),
        ],
        'decision_votes',
      ),
    );
  } else if (d.status === 'ADOPTED' && !d.supersededBy) {
    body.push(actions([button(INTENT_SUPERSEDE, t(locale, 'decisions.button.supersede'), d.id)], 'decision_actions'));
  }
  if (d.createdByUser) body.push(context(markup(locale, d.steering ? 'decisions.card.proposedBy' : 'decisions.card.recordedBy', { user: d.createdByUser })));
  return { heading, body };
}

type FollowUp = { reference: string; title: string; responsibleUser: string | null; personal?: boolean };

/** The follow-up reminder: in the group's channel (naming the responsible person), or to that person. */
function followUp(d: FollowUp, locale: Locale): Card {
  if (d.personal) return note(markup(locale, 'decisions.notice.followUpPersonal', { reference: d.reference, title: d.title }));
  const responsible = d.responsibleUser ? markup(locale, 'decisions.notice.followUpResponsible', { user: d.responsibleUser }) : '';
  return note(markup(locale, 'decisions.notice.followUp', { reference: d.reference, title: d.title, responsible }));
}

/** Every decision notice the outbox carries, as a card. */
export const decisionCards = {
  'decision.card': decisionCard,
  'decision.adopted': (d: { reference: string }, locale: Locale) => note(markup(locale, 'decisions.notice.adopted', { reference: d.reference })),
  'decision.objection': (d: { party: string; user: string; reason: string }, locale: Locale) => note(markup(locale, 'decisions.notice.objection', d)),
  'decision.followUp': followUp,
} satisfies Record<string, (data: never, locale: Locale) => Card>;
