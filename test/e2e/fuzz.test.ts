import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

/*
 * Slack's part played by a fuzzer: every command, every modal's submission and every button,
 * with generated text, values, state and private metadata, each request signed as Slack signs.
 * Whatever it sends, the bot answers with a refusal or a field error, never a 500, never an
 * apology with an error code, never an error in its log.
 */

let tb: TestBot;
const errors: string[] = [];
beforeAll(async () => {
  tb = await startTestBot();
  const logger = tb.bot.logger;
  const error = logger.error.bind(logger);
  logger.error = (...m: unknown[]) => {
    errors.push(m.map(String).join(' ').slice(0, 500));
    error(...m);
  };
});
afterAll(async () => {
  await tb?.stop();
});

const USERS = ['U0ERIK', 'U0JONAS', 'U0ANNA', 'U0LINNEA', 'U0NOBODY'];
const CHANNELS = ['C0SAMVERK', 'C0STYRGRP', 'C0OTHER'];
const COMMANDS = ['/samverkan', '/beslut', '/eskalera', '/anmal', '/rotation', '/statistik', '/uppfoljning'];
const WORDS = ['hjälp', 'help', 'status', 'lista', 'export', 'rapport', 'byt', 'återta', 'ESK-1', 'SAM 2026:1', '2026', 'Q1', 'protokoll', 'admin', 'visa', 'kalender', 'förnya', 'språk', 'language', 'en', 'bidrag', 'pkv', 'betalt', 'bilagor', 'bilaga', 'ändra', '<@U0ANNA>', '"citat', '\u0000', '%00', 'https://x.se', 'utåtriktat', 'ta-bort', 'UT-1'];
const VIEWS = ['decision_form', 'decision_objection', 'escalation_raise', 'escalation_answer', 'escalation_send_back', 'escalation_extra_meeting', 'escalation_withdraw_confirm', 'decision_withdraw_confirm', 'information_notice', 'action_plan_require', 'action_plan_submit', 'rotation_minutes_form', 'statistics_choose', 'statistics_form', 'followup_outreach'];
const ACTIONS = ['decision_consent', 'decision_object', 'decision_withdraw', 'decision_supersede', 'decision_home_register', 'escalation_take_up_click', 'escalation_answer_click', 'escalation_send_back_click', 'escalation_withdraw_click', 'escalation_extra_meeting_click', 'information_acknowledge_click', 'action_plan_submit_click', 'action_plan_accept_click', 'rotation_swap_accept', 'rotation_swap_decline', 'rotation_minutes_register', 'statistics_back', 'statistics_open_form'];
const FIELDS = ['title', 'body', 'background', 'link', 'group', 'decided_on', 'follow_up', 'responsible_person', 'responsible_party', 'reason', 'question', 'parties', 'positions', 'options', 'guidance', 'subject', 'plan', 'shortcoming', 'due', 'period', 'municipality', 'comment', 'total', 'date', 'time', 'kind', 'audience', 'participants', 'description'];

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...WORDS), fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).map((w) => w.join(' ')));
const junk = fc.oneof(text, fc.constant(null), fc.integer(), fc.array(text, { maxLength: 2 }), fc.dictionary(fc.constantFrom('value', 'text', 'id'), text, { maxKeys: 2 }));
const option = fc.oneof(fc.constant(null), fc.record({ value: junk, text: fc.record({ type: fc.constant('plain_text'), text }) }));
const stateValue = fc.oneof(
  fc.record({ type: fc.constant('plain_text_input'), value: fc.oneof(text, fc.constant(null)) }),
  fc.record({ type: fc.constant('static_select'), selected_option: option }),
  fc.record({ type: fc.constant('multi_static_select'), selected_options: fc.oneof(fc.constant(null), fc.array(option, { maxLength: 3 })) }),
  fc.record({ type: fc.constant('datepicker'), selected_date: fc.oneof(fc.constant(null), text, fc.constantFrom('2026-03-10', '2026-02-30', '1999-01-01')) }),
  fc.record({ type: fc.constant('users_select'), selected_user: fc.oneof(fc.constant(null), fc.constantFrom(...USERS), text) }),
  fc.record({ type: fc.constant('number_input'), value: fc.oneof(text, fc.constantFrom('-1', '1e9', '3.5', 'NaN')) }),
  fc.record({ type: fc.constant('checkboxes'), selected_options: fc.array(option, { maxLength: 2 }) }),
  fc.record({ type: text }),
);
const state = fc.dictionary(fc.constantFrom(...FIELDS), fc.dictionary(fc.constantFrom(...FIELDS), stateValue, { maxKeys: 2 }), { maxKeys: 6 });
const metadata = fc.oneof(text, fc.json(), fc.constant(''), fc.record({ year: junk, quarter: junk, municipality: junk, escalationId: junk, decisionId: junk, group: junk, n: junk }).map((o) => JSON.stringify(o)));

type Request = { kind: string; body: string; contentType: string };
const FORM = 'application/x-www-form-urlencoded';
const interactive = (p: Record<string, unknown>) => `payload=${encodeURIComponent(JSON.stringify({ token: 'legacy', api_app_id: 'A0SAMVERK', team: { id: 'T0SAMVERK' }, ...p }))}`;

const request: fc.Arbitrary<Request> = fc.oneof(
  fc.record({ command: fc.constantFrom(...COMMANDS), text, user: fc.constantFrom(...USERS), channel: fc.constantFrom(...CHANNELS) }).map(({ command, text, user, channel }) => ({
    kind: `command ${command}`,
    contentType: FORM,
    body: new URLSearchParams({ token: 'legacy', team_id: 'T0SAMVERK', channel_id: channel, user_id: user, user_name: user.toLowerCase(), command, text, api_app_id: 'A0SAMVERK', response_url: tb.fake.responseUrl(undefined, channel, { user }), trigger_id: tb.fake.triggerId(user) }).toString(),
  })),
  fc.record({ callback: fc.constantFrom(...VIEWS), user: fc.constantFrom(...USERS), state, metadata }).map(({ callback, user, state, metadata }) => ({
    kind: `view_submission ${callback}`,
    contentType: FORM,
    body: interactive({ type: 'view_submission', user: { id: user }, trigger_id: tb.fake.triggerId(user), view: { id: `VFUZZ${Math.floor(Math.random() * 1e6)}`, type: 'modal', callback_id: callback, private_metadata: metadata, hash: 'h', blocks: [], state: { values: state } } }),
  })),
  fc.record({ action: fc.constantFrom(...ACTIONS), user: fc.constantFrom(...USERS), value: junk, channel: fc.constantFrom(...CHANNELS), inView: fc.boolean(), state, metadata }).map(({ action, user, value, channel, inView, state, metadata }) => ({
    kind: `block_actions ${action}`,
    contentType: FORM,
    body: interactive({
      type: 'block_actions',
      user: { id: user },
      trigger_id: tb.fake.triggerId(user),
      actions: [{ action_id: action, block_id: 'b', type: 'button', value, action_ts: '1' }],
      ...(inView
        ? { container: { type: 'view', view_id: 'VFUZZ' }, view: { id: 'VFUZZ', type: 'modal', callback_id: 'x', private_metadata: metadata, hash: 'h', blocks: [], state: { values: state } } }
        : { container: { type: 'message', message_ts: '1.1', channel_id: channel }, channel: { id: channel }, message: { type: 'message', ts: '1.1', text: '' }, state: { values: state }, response_url: tb.fake.responseUrl(undefined, channel, { user }) }),
    }),
  })),
);

const apology = /felkod|error code/i;

describe('a fuzzer playing Slack', () => {
  it('gets a refusal or a field error for 1,200 generated payloads: no 500, no apology with an error code, no error logged', async () => {
    const statuses = new Map<number, number>();
    const bad: string[] = [];
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const res = await tb.driver.post(r.body, r.contentType);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) bad.push(`${r.kind}: HTTP ${res.status}`);
        if (apology.test(res.text)) bad.push(`${r.kind}: ${res.text.slice(0, 200)}`);
      }),
      { numRuns: 1200, seed: 15 },
    );
    await tb.flush();
    await tb.bot.inFlight.idle();
    for (const p of tb.fake.responseUrlPosts) if (apology.test(JSON.stringify(p.body))) bad.push(`reply: ${JSON.stringify(p.body).slice(0, 200)}`);
    for (const m of tb.fake.messages) if (apology.test(m.text ?? '')) bad.push(`message: ${m.text?.slice(0, 200)}`);
    expect(bad.slice(0, 20)).toEqual([]);
    expect(errors.slice(0, 20)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(1200);
  }, 600_000);
});
