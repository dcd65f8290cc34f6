import { describe, expect, it } from 'vitest';
import * as forms from '../../../src/conversation/escalations/forms.ts';
import { escalationListCard } from '../../../src/conversation/escalations/list.ts';
import { dutyCards, escalationCards } from '../../../src/conversation/escalations/index.ts';
import { LIMITS } from '../../../src/domain/escalations/index.ts';
import { LOCALES } from '../../../src/i18n/index.ts';
import { escalationsFeature } from '../../../src/slack/escalations/index.ts';
import { renderCard, renderForm, renderReceipt } from '../../../src/slack/render/index.ts';
import { blockKitProblems } from '../../helpers/block-kit-limits.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
// The longest texts the domain lets through, with every character Slack treats specially.
const text = (n: number) => 'Vem & <@U1> *står* för <#C1>? '.repeat(Math.ceil(n / 30)).slice(0, n);
const parties = Array.from({ length: 150 }, (_x, i) => ({ id: `party-${i}`, name: text(120) + i }));
const card = {
  id: 'e1', label: 'ESK-999999', status: 'OPEN', question: text(LIMITS.question), background: text(LIMITS.background), positions: text(LIMITS.positions),
  options: text(LIMITS.options), urgent: true, link: `https://x.se/${'a'.repeat(480)}`, raisedByUser: 'U1', raisedByParty: text(200), parties: parties.map((p) => p.name),
  fromGroup: text(200), fromChannelId: 'C1', decision: { label: 'STY-F12', status: 'PROPOSED' }, guidance: text(LIMITS.guidance), closedByUser: 'U2', createdAt: '2026-03-10T09:00:00Z',
};
const base = { id: 'e1', label: 'ESK-1', question: text(LIMITS.question), user: 'U1', steeringChannelId: 'C2', party: text(200), days: 400 };
const plan = { id: 'p', party: text(200), shortcoming: text(LIMITS.shortcoming), dueOn: '2026-04-01', plan: text(LIMITS.plan), requestedByUser: 'U1', submittedByUser: 'U2', acceptedByUser: 'U3' };
const samples: { [K in keyof typeof escalationCards | keyof typeof dutyCards]: any[] } = {
  'escalation.card': ['OPEN', 'IN_PROGRESS', 'DECIDED', 'SENT_BACK', 'WITHDRAWN'].map((status) => ({ ...card, status })),
  'escalation.note': ['OPEN', 'DECIDED'].map((status) => ({ ...base, status })),
  'escalation.urgent': [base],
  'escalation.reminder': [base, { ...base, days: 0 }],
  'escalation.answerReminder': [base],
  'escalation.votesReminder': [{ ...base, proposal: 'STY-F1', missing: parties.map((p, i) => ({ party: p.name, objected: i % 2 === 0 })) }],
  'escalation.takenUp': [base],
  'escalation.proposed': [{ ...base, proposal: 'STY-F1', title: text(150) }],
  'escalation.proposalWithdrawn': [base],
  'escalation.answered': [{ ...base, reference: 'STY 2026:12', title: text(150), body: text(3000) }],
  'escalation.sentBack': [{ ...base, guidance: text(LIMITS.guidance) }],
  'escalation.withdrawn': [base],
  'escalation.proposalClosed': ['SENT_BACK', 'WITHDRAWN'].map((status) => ({ label: 'ESK-1', proposal: 'STY-F1', status })),
  'escalation.information': [
    { id: 'n', subject: text(LIMITS.subject), body: text(LIMITS.body), party: text(200), user: 'U1', createdAt: '2026-03-10T09:00:00Z', acknowledgedByUser: null, acknowledgedAt: null },
    { id: 'n', subject: text(LIMITS.subject), body: text(LIMITS.body), party: text(200), user: 'U1', createdAt: '2026-03-10T09:00:00Z', acknowledgedByUser: 'U2', acknowledgedAt: '2026-03-11T09:00:00Z' },
  ],
  'escalation.informationAcknowledged': [{ subject: text(LIMITS.subject), user: 'U1' }],
  'escalation.actionPlan': ['REQUIRED', 'SUBMITTED', 'ACCEPTED'].map((status) => ({ ...plan, status })),
  'escalation.actionPlanRequired': [plan],
  'escalation.actionPlanReminder': [plan, { ...plan, overdue: true }],
  'escalation.actionPlanAccepted': [plan],
  'escalation.actionPlanAcceptReminder': [plan],
  'escalation.actionPlanSubmitted': [{ party: text(200), user: 'U1' }],
};

describe('every escalation card and form, drawn for Slack, is one Slack accepts', () => {
  for (const locale of LOCALES) {
    const env = { locale, timezone: 'Europe/Stockholm' };

    it(`every notice, at its longest (${locale})`, () => {
      const renderers = escalationsFeature.renderers!;
      expect(Object.keys(renderers).sort()).toEqual(Object.keys(samples).sort());
      for (const [template, list] of Object.entries(samples)) {
        for (const data of list) expect(blockKitProblems('message', renderers[template]!(data, env)), template).toEqual([]);
      }
    });

    it(`the list, with a hundred questions (${locale})`, () => {
      const summary = (i: number, status: 'OPEN' | 'DECIDED') => ({ id: `e${i}`, number: i, label: `ESK-${i}`, question: text(LIMITS.question), status, party: text(200), ageDays: i, closedDaysAgo: i % 3, urgent: i % 2 === 0 });
      const list = { open: Array.from({ length: 100 }, (_x, i) => summary(i, 'OPEN')), recent: Array.from({ length: 100 }, (_x, i) => summary(i, 'DECIDED')) };
      expect(blockKitProblems('message', renderCard(escalationListCard(locale, list), env))).toEqual([]);
      expect(blockKitProblems('message', renderCard(escalationListCard(locale, { open: [], recent: [] }), env))).toEqual([]);
    });

    it(`every form, with 150 parties and the longest prefill (${locale})`, () => {
      const e = { id: 'e1', label: 'ESK-1', question: text(LIMITS.question) };
      const all = [
        forms.raiseForm(locale, { groupName: text(200), parties, prefill: { question: text(4000), background: text(4000), link: `https://x.se/${'a'.repeat(480)}` }, privateMetadata: JSON.stringify({ channel: 'C1', origin: { channelId: 'C1', threadTs: '1.2' } }) }),
        forms.answerForm(locale, e),
        forms.sendBackForm(locale, e),
        forms.extraMeetingForm(locale, { ...e, today: '2026-03-10' }),
        forms.informForm(locale, { party: text(200) }),
        forms.planRequireForm(locale, { parties, minDate: '2026-03-11' }),
        forms.planSubmitForm(locale, { id: 'p', shortcoming: text(LIMITS.shortcoming), due: '2026-04-01', plan: text(LIMITS.plan) }),
        forms.withdrawConfirmForm(locale, { ...e, openProposal: 'STY-F1' }),
      ];
      for (const f of all) expect(blockKitProblems('modal', renderForm(f, env)), f.id).toEqual([]);
      const receipt = forms.done(locale, ['x']);
      expect(blockKitProblems('modal', renderReceipt(receipt, env))).toEqual([]);
    });
  }
});
