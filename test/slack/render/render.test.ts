import { describe, expect, it } from 'vitest';
import { actions, button, text, type Card } from '../../../src/conversation/card.ts';
import type { Form } from '../../../src/conversation/form.ts';
import { channel, code, date, emoji, link, mention, strong } from '../../../src/conversation/markup.ts';
import { toPerson } from '../../../src/conversation/reply.ts';
import { mrkdwn, readAction, readState, renderCard, renderCardMessages, renderForm, renderReceipt, renderReply, SLACK_LIMITS } from '../../../src/slack/render/index.ts';
import { parseFields } from '../../../src/slack/render/read.ts';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SLACK_EMOJI } from '../../../src/slack/render/mrkdwn.ts';
import { blockKitProblems } from '../../helpers/block-kit-limits.ts';

const env = { locale: 'sv' as const, timezone: 'Europe/Stockholm' };
const long = (n: number, word = 'ord ') => word.repeat(Math.ceil(n / word.length)).slice(0, n);

describe('the Slack renderer', () => {
  it('spells every token of the markup the way Slack does, and escapes what people typed', () => {
    expect(mrkdwn(['a <b> & c ', strong('fet'), ' ', mention('U1'), ' ', channel('C1'), ' ', code('/eskalera'), ' ', link('https://x.se/?a=1&b=2', 'där'), ' ', emoji('urgent'), ' ', date('2026-03-10')], env)).toBe(
      'a &lt;b&gt; &amp; c *fet* <@U1> <#C1> `/eskalera` <https://x.se/?a=1&amp;b=2|där> :rotating_light: 10 mars 2026',
    );
    expect(mrkdwn([date('2026-03-10T23:30:00Z')], { locale: 'en', timezone: 'Europe/Stockholm' })).toBe('11 March 2026');
  });

  it('splits a section text over 3000 characters into several sections at a space, losing no word', () => {
    const words = long(7000);
    const m = renderCard({ body: [text([words])] }, env);
    expect(m.blocks.length).toBe(3);
    expect(m.blocks.every((b) => b.text.text.length <= 3000)).toBe(true);
    expect(m.blocks.map((b) => b.text.text).join(' ') === words).toBe(true);
    expect(blockKitProblems('message', m)).toEqual([]);
  });

  it('shortens a heading to 150, a button to 75, an action id to 255, a value to 2000 and the text to 4000', () => {
    const card: Card = { heading: long(400), body: [actions([button(long(300, 'x'), button('i', long(120)).label, long(3000, 'v'))])], summary: [long(9000)] };
    const m = renderCard(card, env);
    expect(m.blocks[0]!.text.text).toHaveLength(150);
    expect(m.blocks[0]!.text.text.endsWith('…')).toBe(true);
    const b = m.blocks[1]!.elements[0];
    expect(b.text.text).toHaveLength(75);
    expect(b.action_id).toHaveLength(255);
    expect(b.value).toHaveLength(2000);
    expect(m.text).toHaveLength(SLACK_LIMITS.fallbackText);
    expect(blockKitProblems('message', m)).toEqual([]);
  });

  it('puts 120 facts in sections of ten, and 120 texts in messages of at most 50 blocks', () => {
    const facts = Array.from({ length: 120 }, (_x, i) => ({ name: `Fält ${i}`, value: [`${i}`] }));
    const m = renderCard({ heading: 'Siffror', body: [{ kind: 'facts', facts }] }, env);
    expect(m.blocks.filter((b) => b.fields).map((b) => b.fields.length)).toEqual(Array(12).fill(10));
    expect(blockKitProblems('message', m)).toEqual([]);

    const many: Card = { heading: 'Många', body: [...Array.from({ length: 120 }, (_x, i) => text([`Rad ${i}`])), actions([button('go', 'Kör', 'x')])] };
    const messages = renderCardMessages(many, env);
    expect(messages.map((x) => x.blocks.length)).toEqual([50, 50, 22]);
    expect(messages.flatMap((x) => x.blocks).filter((b) => b.type === 'section').map((b) => b.text.text)).toEqual(Array.from({ length: 120 }, (_x, i) => `Rad ${i}`));
    for (const x of messages) expect(blockKitProblems('message', x)).toEqual([]);
    // As one message, the card is cut with "…" and keeps its buttons.
    const one = renderCard(many, env);
    expect(one.blocks).toHaveLength(50);
    expect(one.blocks.at(-2)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '…' }] });
    expect(one.blocks.at(-1)!.type).toBe('actions');
    expect(blockKitProblems('message', one)).toEqual([]);
  });

  it('keeps 30 buttons in actions blocks of 25, and 150 options to Slack\'s 100 with 75-character words', () => {
    const m = renderCard({ body: [actions(Array.from({ length: 30 }, (_x, i) => button(`b${i}`, `B${i}`)), 'row')] }, env);
    expect(m.blocks.map((b) => [b.block_id, b.elements.length])).toEqual([['row', 25], ['row:1', 5]]);
    const options = Array.from({ length: 150 }, (_x, i) => ({ label: long(100, `val${i} `), value: `v${i}` }));
    const f = renderForm({ id: 'f', title: 'Ett formulär med en lång titel', submit: 'Spara', close: 'Avbryt', body: [{ kind: 'input', id: 'pick', label: 'Välj', type: 'select', options, initial: 'v3' }] }, env);
    const el = f.blocks[0].element;
    expect(el.options).toHaveLength(100);
    expect(el.options.every((o: { text: { text: string } }) => o.text.text.length <= 75)).toBe(true);
    expect(el.initial_option.value).toBe('v3');
    expect(f.title.text).toHaveLength(24);
    expect(blockKitProblems('modal', f)).toEqual([]);
  });

  it('draws every kind of input, the optional marker as Slack\'s own, and errors under their fields', () => {
    const opts = [{ label: 'Ja', value: 'y' }, { label: 'Nej', value: 'n' }];
    const form: Form = {
      id: 'all', title: 'Allt', submit: 'Skicka', close: 'Stäng', metadata: '{"x":1}', errors: { count: 'Ange ett heltal.' },
      body: [
        { kind: 'text', text: [strong('Intro')] },
        { kind: 'input', id: 'one', label: 'En rad', type: 'text', maxLength: 5000, initial: long(4000) },
        { kind: 'input', id: 'many', label: 'Flera rader', type: 'text', multiline: true, optional: true, hint: 'Tips' },
        { kind: 'input', id: 'count', label: 'Antal', type: 'number', min: 0, initial: 3 },
        { kind: 'input', id: 'day', label: 'Dag', type: 'date', initial: '2026-03-10' },
        { kind: 'input', id: 'at', label: 'Tid', type: 'time', initial: '09:00' },
        { kind: 'input', id: 'who', label: 'Vem', type: 'member' },
        { kind: 'input', id: 'radio', label: 'Radio', type: 'select', style: 'radio', options: opts },
        { kind: 'input', id: 'multi', label: 'Flera', type: 'multiselect', options: opts, initial: ['n'] },
        { kind: 'input', id: 'boxes', label: 'Rutor', type: 'checkboxes', options: Array.from({ length: 12 }, (_x, i) => ({ label: `R${i}`, value: `r${i}` })) },
      ],
    };
    const v = renderForm(form, env);
    const types = v.blocks.map((b: { type: string; element?: { type: string } }) => b.element?.type ?? b.type);
    expect(types).toEqual(['section', 'plain_text_input', 'plain_text_input', 'number_input', 'context', 'datepicker', 'timepicker', 'users_select', 'radio_buttons', 'multi_static_select', 'multi_static_select']);
    expect(v.blocks[1].element.initial_value).toHaveLength(3000);
    expect(v.blocks[2]).toMatchObject({ optional: true, hint: { text: 'Tips' } });
    expect(v.blocks[4].elements[0].text).toContain('Ange ett heltal.');
    expect(v.private_metadata).toBe('{"x":1}');
    expect(blockKitProblems('modal', v)).toEqual([]);
    expect(() => renderForm({ ...form, metadata: 'x'.repeat(3001) }, env)).toThrow(/private metadata/);
    expect(blockKitProblems('modal', renderReceipt({ title: 'Klart', close: 'Stäng', text: [long(5000)] }, env))).toEqual([]);
  });

  it('spells only emoji the local workspace can draw, and its validator does refuse what Slack refuses', () => {
    const known = new Set([...readFileSync(new URL('../../../src/local/public/mrkdwn.js', import.meta.url), 'utf8').matchAll(/(\w+): '/g)].map((m) => m[1]));
    expect(Object.values(SLACK_EMOJI).filter((e) => !known.has(e))).toEqual([]);
    expect(blockKitProblems('message', { text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }] })).not.toEqual([]);
    expect(blockKitProblems('message', { text: '', blocks: [] })).not.toEqual([]);
    expect(blockKitProblems('modal', { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [{ type: 'input', label: { type: 'plain_text', text: 'L' }, element: { type: 'radio_buttons', options: Array.from({ length: 11 }, (_x, i) => ({ text: { type: 'plain_text', text: `${i}` }, value: `${i}` })) } }], submit: { type: 'plain_text', text: 'OK' } })).not.toEqual([]);
  });

  it('answers one person only with an ephemeral reply', () => {
    expect(renderReply(toPerson({ body: [text(['Hej'])] }), env)).toEqual({ response_type: 'ephemeral', text: 'Hej', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hej' } }] });
  });
});

describe('the Slack reader', () => {
  it('turns a submission\'s state into a flat record of field → value, lists for multiple choices, nothing for empty', () => {
    const values = {
      question: { question: { type: 'plain_text_input', value: 'Vad gäller?' } },
      blank: { blank: { type: 'plain_text_input', value: '   ' } },
      parties: { parties: { type: 'multi_static_select', selected_options: [{ value: 'a' }, { value: 'b' }] } },
      urgency: { urgency: { type: 'radio_buttons', selected_option: { value: 'urgent' } } },
      due: { due: { type: 'datepicker', selected_date: '2026-04-01' } },
      time: { time: { type: 'timepicker', selected_time: '10:00' } },
      who: { who: { type: 'users_select', selected_user: 'U1' } },
      none: { none: { type: 'static_select', selected_option: null } },
      row: { a: { type: 'plain_text_input', value: '1' }, b: { type: 'plain_text_input', value: '2' } },
    };
    expect(readState(values)).toEqual({ question: 'Vad gäller?', blank: undefined, parties: ['a', 'b'], urgency: 'urgent', due: '2026-04-01', time: '10:00', who: 'U1', none: undefined, a: '1', b: '2' });
  });

  it('reads a button\'s intent and payload, and the caller\'s schema refuses an altered record in words', () => {
    expect(readAction({ actions: [{ action_id: 'escalation_take_up_click', type: 'button', value: 'e1' }] })).toEqual({ intent: 'escalation_take_up_click', payload: 'e1', fields: {} });
    const schema = z.object({ question: z.string().optional(), parties: z.array(z.string()).default([]) });
    expect(parseFields(schema, { question: 'x' })).toEqual({ question: 'x', parties: [] });
    expect(() => parseFields(schema, { question: ['x'] })).toThrow(expect.objectContaining({ key: 'core.error.malformed' }));
  });
});
