import { describe, expect, it } from 'vitest';
import { decisionCards, decisionForm, decisionHelp, decisionListCard, done, exportFailed, exportPosted, objectionForm, readListPage, recordedReceipt, withdrawConfirmForm } from '../../src/conversation/decisions/index.ts';
import { COUNT_LIMIT, type DecisionCardData, type DecisionFormChoices, type DecisionSummary, type SearchResult } from '../../src/domain/decisions/index.ts';
import { LOCALES, type Locale } from '../../src/i18n/index.ts';
import { decisionsFeature } from '../../src/slack/decisions/index.ts';
import { mrkdwn, renderCard, renderForm, renderReceipt, renderReply } from '../../src/slack/render/index.ts';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
// The longest texts the domain lets through (title 150, text and background 3000, link 500,
// reason 1000), with every character Slack treats specially.
const long = (n: number) => 'Vem & <@U1> *står* för <!channel>? '.repeat(Math.ceil(n / 34)).slice(0, n);
const env = (locale: Locale) => ({ locale, timezone: 'Europe/Stockholm' });
const visible = (m: any) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');
const parties = ['Socialförvaltningen', 'BOJ Stockholm-Gotland', 'BOJ Södra Stockholm', 'BOJ Västerort'];

const base: DecisionCardData = {
  id: 'd1', steering: true, groupName: 'Styrgruppen', status: 'PROPOSED', reference: null, proposalReference: 'STY-F3',
  title: 'Gemensam växel', body: 'Jourerna får en gemensam växel från hösten.', background: null, decidedOn: null,
  responsibleParty: null, responsibleUser: null, followUpOn: null, link: null, supersedes: null, supersededBy: null,
  parties: parties.map((name) => ({ name, state: 'PENDING' })), createdByUser: 'U0ANNA', closedByUser: null,
};
const longest: DecisionCardData = {
  ...base, title: long(150), body: long(3000), background: long(3000), responsibleParty: long(100), responsibleUser: 'U0ERIK', followUpOn: '2026-09-01',
  link: `https://intranet.example.se/${'a|b'.repeat(160)}`, supersedes: { reference: 'STY 2025:4', title: long(150) },
  parties: Array.from({ length: 60 }, (_x, i) => ({ name: `${long(60)} ${i}`, state: (['PENDING', 'CONSENT', 'OBJECTION'] as const)[i % 3]!, voterUser: 'U0OMAR', reason: long(1000) })),
};
const states: Record<string, DecisionCardData> = {
  proposed: base,
  voting: { ...base, parties: [{ name: parties[0]!, state: 'CONSENT', voterUser: 'U0ANNA' }, { name: parties[1]!, state: 'OBJECTION', voterUser: 'U0MARIA', reason: 'Finansieringen är inte klar.' }, { name: parties[2]!, state: 'PENDING' }, { name: parties[3]!, state: 'PENDING' }] },
  adopted: { ...base, status: 'ADOPTED', reference: 'STY 2026:1', decidedOn: '2026-03-12', parties: parties.map((name) => ({ name, state: 'CONSENT', voterUser: 'U0ANNA' })) },
  rejected: { ...base, status: 'WITHDRAWN', closedByUser: 'U0ANNA' },
  superseded: { ...base, steering: false, groupName: 'Samverkansgruppen', status: 'ADOPTED', reference: 'SAM 2026:1', decidedOn: '2026-03-10', supersededBy: { reference: 'SAM 2026:2' }, parties: [] },
  longest,
  'longest adopted': { ...longest, status: 'ADOPTED', reference: 'STY 2026:9', decidedOn: '2026-03-12' },
};

const summary = (i: number, o: Partial<DecisionSummary> = {}): DecisionSummary => ({
  id: `d${i}`, groupName: 'Samverkansgruppen', groupKind: 'COLLABORATION', status: 'ADOPTED', reference: `SAM 2026:${i}`, proposalReference: null, title: `Beslut nummer ${i}`,
  body: `Text ${i} `.repeat(100), background: null, decidedOn: '2026-03-10', responsibleParty: null, responsibleName: null, followUpOn: null, link: null, supersedes: null,
  supersededBy: null, awaiting: [], recordedBy: null, ...o,
});
const result = (items: DecisionSummary[], total = items.length, o: Partial<SearchResult> = {}): SearchResult => ({ items, total, terms: [], shown: 0, ...o });

const choices: DecisionFormChoices = {
  groups: [{ id: 'g1', name: 'Samverkansgruppen', kind: 'COLLABORATION' }, { id: 'g2', name: 'Styrgruppen', kind: 'STEERING' }],
  asksDate: true, groupDecidesDate: true, parties: parties.map((name, i) => ({ id: `p${i}`, name })), today: '2026-03-10',
};

describe('every decision card, form and reply, drawn for Slack, is one Slack accepts', () => {
  for (const locale of LOCALES) {
    it(`the card in every state, and the notices (${locale})`, () => {
      const renderers = decisionsFeature.renderers!;
      expect(Object.keys(renderers).sort()).toEqual(Object.keys(decisionCards).sort());
      for (const [state, d] of Object.entries(states)) expect(blockKitProblems('message', renderers['decision.card']!(d, env(locale))), state).toEqual([]);
      const notices = {
        'decision.adopted': [{ reference: 'STY 2026:1' }],
        'decision.objection': [{ party: long(100), user: 'U0OMAR', reason: long(1000) }],
        'decision.followUp': [{ reference: 'SAM 2026:1', title: long(150), responsibleUser: 'U0ERIK' }, { reference: 'SAM 2026:1', title: long(150), responsibleUser: null }, { reference: 'SAM 2026:1', title: long(150), responsibleUser: 'U0ERIK', personal: true }],
      };
      for (const [template, list] of Object.entries(notices)) for (const data of list) expect(blockKitProblems('message', renderers[template]!(data, env(locale))), template).toEqual([]);
    });

    it(`every form, with errors and the longest prefill, and its receipts (${locale})`, () => {
      const prefill = { title: long(400), body: long(5000), background: long(5000), responsiblePartyId: 'p1', responsibleUser: 'U0ERIK', followUpOn: '2026-09-01', link: `https://x.se/${'a'.repeat(480)}` };
      const many = { ...choices, groups: Array.from({ length: 150 }, (_x, i) => ({ id: `g${i}`, name: long(120), kind: 'COLLABORATION' as const })), parties: Array.from({ length: 150 }, (_x, i) => ({ id: `p${i}`, name: long(120) })) };
      const forms = [
        decisionForm(locale, choices, '{}'),
        decisionForm(locale, { ...many, prefill, supersedes: { reference: 'SAM 2025:12', title: long(150) } }, JSON.stringify({ channel: 'C1', supersedes: 'd1' }), '2026-03-01'),
        { ...decisionForm(locale, choices, '{}'), errors: { title: long(300), decided_on: 'Ange ett giltigt datum.' } },
        objectionForm(locale, { id: 'd1', reference: 'STY-F3', title: long(150) }),
        withdrawConfirmForm(locale, { id: 'd1', reference: 'STY-F3', title: long(150) }),
      ];
      for (const f of forms) expect(blockKitProblems('modal', renderForm(f, env(locale))), f.id).toEqual([]);
      for (const r of [recordedReceipt(locale, { label: 'SAM 2026:1', channelId: 'C1', duplicate: false, proposed: false }), done(locale, [long(4000)], 'decisions.withdraw.notDoneTitle')]) {
        expect(blockKitProblems('modal', renderReceipt(r, env(locale)))).toEqual([]);
      }
    });

    it(`the list with none, one and many matches (${locale})`, () => {
      const lists = [
        result([]),
        result([], 0, { group: 'Samverkansgruppen', year: 2026, terms: ['<!channel>', '*x*'] }),
        result([summary(1)]),
        result(Array.from({ length: 15 }, (_x, i) => summary(i, { title: long(150), body: long(3000), status: i % 2 ? 'PROPOSED' : 'ADOPTED', awaiting: parties, supersededBy: 'SAM 2026:99' })), COUNT_LIMIT + 1, { next: '2026-03-10T09:00:00.000Z_d14' }),
      ];
      for (const r of lists) expect(blockKitProblems('message', renderReply({ to: 'person', card: decisionListCard(locale, r) }, env(locale)))).toEqual([]);
    });
  }
});

describe('what a decision card says, in Slack', () => {
  const card = (d: DecisionCardData, locale: Locale = 'sv') => renderCard(decisionCards['decision.card'](d, locale), env(locale));

  it('a proposal: every party waiting, and the buttons to vote and to withdraw, without a confirmation for everyone', () => {
    const m = card(states.proposed!);
    expect(m.text).toBe('Förslag STY-F3: Gemensam växel');
    expect(visible(m)).toContain(':hourglass_flowing_sand: *Förslag i Styrgruppen* – blir beslut när alla parter har godkänt.');
    for (const p of parties) expect(visible(m)).toContain(`:white_circle: ${p}: väntar`);
    const buttons = m.blocks.find((b) => b.block_id === 'decision_votes')!.elements;
    expect(buttons.map((b: any) => [b.action_id, b.text.text, b.value, b.style ?? null, !!b.confirm])).toEqual([
      ['decision_consent', 'Godkänn', 'd1', 'primary', false],
      ['decision_object', 'Invänd', 'd1', null, false],
      ['decision_withdraw', 'Dra tillbaka', 'd1', 'danger', false],
    ]);
    expect(visible(m)).toContain('Föreslaget av <@U0ANNA>');
  });

  it('a proposal being voted on: who consented, who objects and why, and that the dialogue is open', () => {
    const m = card(states.voting!);
    expect(visible(m)).toContain(':large_green_circle: Socialförvaltningen: godkänt av <@U0ANNA>');
    expect(visible(m)).toContain(':red_circle: BOJ Stockholm-Gotland: invänder (<@U0MARIA>) – Finansieringen är inte klar.');
    expect(visible(m)).toContain(':warning: Det finns en invändning');
    expect(visible(renderCard(decisionCards['decision.card'](states.voting!, 'en'), env('en')))).toContain(':red_circle: BOJ Stockholm-Gotland: objects (<@U0MARIA>) – Finansieringen är inte klar.');
  });

  it('adopted: its number and date, no votes to cast, a button to supersede it', () => {
    const m = card(states.adopted!);
    expect(m.text).toBe('Beslut STY 2026:1: Gemensam växel');
    expect(visible(m)).toContain(':white_check_mark: *Beslutat 12 mars 2026* i Styrgruppen.');
    expect(m.blocks.some((b) => b.block_id === 'decision_votes')).toBe(false);
    expect(m.blocks.find((b) => b.block_id === 'decision_actions')!.elements[0]).toMatchObject({ action_id: 'decision_supersede', value: 'd1', text: { text: 'Ersätt med nytt beslut' } });
    expect(visible(renderCard(decisionCards['decision.card'](states.adopted!, 'en'), env('en')))).toContain(':white_check_mark: *Decided 12 March 2026* in Styrgruppen.');
  });

  it('withdrawn (rejected): by whom, and no buttons', () => {
    const m = card(states.rejected!);
    expect(visible(m)).toContain(':no_entry_sign: *Tillbakadraget* av <@U0ANNA>. Förslaget blev inget beslut.');
    expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('superseded: by which decision, and no button to supersede it again', () => {
    const m = card(states.superseded!);
    expect(visible(m)).toContain(':arrow_right: *Ersatt av SAM 2026:2.* Beslutet gäller inte längre.');
    expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(visible(m)).toContain('Registrerat av <@U0ANNA>');
  });

  it('keeps what a person typed as text: no ping, no bold, no link of their own', () => {
    const m = card({ ...states.proposed!, title: 'Möte <!channel>', body: '*Viktigt* <@U9> & <https://x.se|klicka>', supersedes: { reference: 'STY 2025:4', title: '<!here>' }, link: 'https://x.se/a|b>' });
    expect(m.text).toBe('Förslag STY-F3: Möte &lt;!channel&gt;');
    expect(visible(m)).toContain('*Viktigt* &lt;@U9&gt; &amp; &lt;https://x.se|klicka&gt;');
    expect(visible(m)).toContain(':leftwards_arrow_with_hook: Ersätter *STY 2025:4* (&lt;!here&gt;).');
    expect(visible(m)).toContain('<https://x.se/a%7Cb&gt;|Diskussionen>');
  });
});

describe('what the forms and replies say, in Slack', () => {
  it('the form asks for the date only where the group takes decisions at once, and redraws when the group is picked', () => {
    const both = renderForm(decisionForm('sv', choices, '{}'), env('sv'));
    const ids = (v: any) => v.blocks.map((b: any) => b.block_id).filter(Boolean);
    expect(ids(both)).toEqual(['title', 'body', 'group', 'decided_on', 'background', 'responsible_party', 'responsible_person', 'follow_up', 'link', 'not_about_a_person']);
    expect(both.blocks.find((b: any) => b.block_id === 'group').dispatch_action).toBe(true);
    expect(both.blocks.find((b: any) => b.block_id === 'decided_on').element.initial_date).toBe('2026-03-10');
    const steering = renderForm(decisionForm('en', { ...choices, groups: [choices.groups[1]!], groupId: 'g2', asksDate: false, groupDecidesDate: false }, '{}'), env('en'));
    expect(ids(steering)).not.toContain('decided_on');
    expect(steering.blocks.find((b: any) => b.block_id === 'group')).toMatchObject({ label: { text: 'Group' }, element: { initial_option: { value: 'g2' } } });
    expect(steering.blocks.find((b: any) => b.block_id === 'group').dispatch_action).toBeUndefined();
    expect(steering.title.text).toBe('Record a decision');
  });

  it('a form drawn with its errors shows each under its field', () => {
    const v = renderForm({ ...decisionForm('sv', choices, '{}'), errors: { follow_up: 'Uppföljningen måste ligga efter beslutsdatumet.' } }, env('sv'));
    const at = v.blocks.findIndex((b: any) => b.block_id === 'follow_up');
    expect(v.blocks[at + 1].elements[0].text).toBe(':warning: Uppföljningen måste ligga efter beslutsdatumet.');
  });

  it('the message action\'s form starts from the message and its link; a correction names what it supersedes', () => {
    const v = renderForm(decisionForm('sv', { ...choices, prefill: { title: 'Telefontider', body: 'Jourerna turas om.', link: 'https://x.slack.com/archives/C1/p1' }, supersedes: { reference: 'SAM 2026:1', title: '<b>gammal</b>' } }, '{}'), env('sv'));
    const el = (id: string) => v.blocks.find((b: any) => b.block_id === id).element;
    expect([el('title').initial_value, el('body').initial_value, el('link').initial_value]).toEqual(['Telefontider', 'Jourerna turas om.', 'https://x.slack.com/archives/C1/p1']);
    expect(v.blocks[0].text.text).toBe('Det här beslutet ersätter *SAM 2026:1* – &lt;b&gt;gammal&lt;/b&gt;.');
  });

  it('the receipts, the objection form and the withdrawal\'s "are you sure?"', () => {
    expect(renderReceipt(recordedReceipt('sv', { label: 'SAM 2026:1', channelId: 'C1', duplicate: false, proposed: false }), env('sv')).blocks[0].text.text).toBe('Beslut *SAM 2026:1* är registrerat och sparat. Det publiceras i <#C1> strax; går det inte, får du besked.');
    expect(renderReceipt(recordedReceipt('en', { label: 'STY-F1', channelId: 'C2', duplicate: false, proposed: true }), env('en')).blocks[0].text.text).toContain('Proposal *STY-F1* is saved and will be posted in <#C2> shortly.');
    const o = renderForm(objectionForm('sv', { id: 'd1', reference: 'STY-F3', title: 'Växel' }), env('sv'));
    expect(o).toMatchObject({ callback_id: 'decision_objection', private_metadata: 'd1', submit: { text: 'Invänd' } });
    expect(o.blocks.map((b: any) => b.block_id).filter(Boolean)).toEqual(['reason', 'not_about_a_person']);
    const w = renderForm(withdrawConfirmForm('en', { id: 'd1', reference: 'STY-F3', title: 'Växel' }), env('en'));
    expect(w).toMatchObject({ callback_id: 'decision_withdraw_confirm', submit: { text: 'Withdraw' }, close: { text: 'Cancel' } });
    expect(w.blocks[0].text.text).toContain('Do you want to withdraw *STY-F3* – Växel?');
  });

  it('the list: none, one, and more than it shows, with what the search was narrowed to', () => {
    const none = renderReply({ to: 'person', card: decisionListCard('sv', result([], 0, { group: 'Samverkansgruppen', terms: ['<x>'] })) }, env('sv'));
    expect(none.text).toBe('Inga beslut hittades i Samverkansgruppen som innehåller ”&lt;x&gt;”.');
    const one = renderReply({ to: 'person', card: decisionListCard('en', result([summary(1, { status: 'PROPOSED', reference: null, proposalReference: 'STY-F1', decidedOn: null, awaiting: ['BOJ Västerort'] })])) }, env('en'));
    expect(one.response_type).toBe('ephemeral');
    expect(one.text).toBe('The decision log: 1 match.\n*STY-F1* Beslut nummer 1 – _proposal, waiting for BOJ Västerort_');
    const many = renderReply({ to: 'person', card: decisionListCard('sv', result(Array.from({ length: 15 }, (_x, i) => summary(i + 1)), 40)) }, env('sv'));
    expect(many.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Beslutsregistret' } });
    expect(many.blocks[1]!.elements[0].text).toBe('Visar de 15 senaste av 40 träffar. Förfina sökningen med grupp, år eller sökord.');
    expect(many.blocks[2]!.text.text).toMatch(/^\*SAM 2026:1\* \(2026-03-10\) Beslut nummer 1\nText 1 Text 1/);
    expect(many.blocks).toHaveLength(17);
  });

  it('"Visa fler" while more match: its payload is the search and where the next page starts; none for a search too long to carry', () => {
    const r = result(Array.from({ length: 15 }, (_x, i) => summary(i + 1)), 40, { next: '2026-03-10T09:00:00.000Z_d15' });
    const m = renderReply({ to: 'person', card: decisionListCard('en', r, ['SAM', '2026']) }, env('en'));
    const b = m.blocks.find((x) => x.block_id === 'decision_list')!.elements[0];
    expect(b).toMatchObject({ action_id: 'decision_list_more', text: { text: 'Show more' } });
    expect(readListPage(b.value)).toEqual({ words: ['SAM', '2026'], after: '2026-03-10T09:00:00.000Z_d15', shown: 15 });
    expect(readListPage('{"w":1}')).toBeUndefined();
    const later = renderReply({ to: 'person', card: decisionListCard('sv', { ...r, shown: 15, items: r.items.slice(0, 3) }) }, env('sv'));
    expect(later.blocks[1]!.elements[0].text).toBe('Visar 16–18 av 40 träffar.');
    const tooLong = decisionListCard('sv', r, ['x'.repeat(2100)]);
    expect(tooLong.body.some((e) => e.kind === 'actions')).toBe(false);
  });

  it('help, an unknown word, and the export\'s answers', () => {
    const e = env('sv');
    expect(mrkdwn(decisionHelp('sv'), e)).toContain('`/beslut lista [grupp] [år] [sökord]` – lista och sök i beslutsregistret');
    expect(mrkdwn(decisionHelp('en', '/beslut xyz'), env('en'))).toMatch(/^I do not recognise `\/beslut xyz`\.\n`\/beslut` – record a decision/);
    expect(mrkdwn(decisionsFeature.help!('sv'), { locale: 'sv', timezone: 'UTC' })).toMatch(/^\*Beslutsregistret\*\n`\/beslut` – registrera/);
    expect(mrkdwn(exportPosted('en', { year: 2026, count: 1 }), env('en'))).toBe('The decision log for 2026 (1 decision) is uploaded to the channel as CSV and Markdown.');
    expect(mrkdwn(exportFailed('sv', 'Bjud in mig.'), e)).toBe('Jag kunde inte ladda upp registret i den här kanalen. Bjud in mig.');
  });
});
