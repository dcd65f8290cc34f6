import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot();
});
afterAll(async () => {
  await tb?.stop();
});

const JONAS = 'U0JONAS';
const SAM = 'C0SAMVERK';
const FORM = 'application/x-www-form-urlencoded';

function helpCommandBody(responseUrlId: string): string {
  return new URLSearchParams({
    token: 'legacy', team_id: tb.driver.teamId, channel_id: SAM, user_id: JONAS, user_name: 'jonas',
    command: '/samverkan', text: 'hjälp', api_app_id: tb.driver.appId,
    response_url: tb.fake.responseUrl(responseUrlId, SAM, { user: JONAS }), trigger_id: tb.fake.triggerId(JONAS),
  }).toString();
}

const now = () => Math.floor(Date.now() / 1000);
const repliesTo = (id: string) => tb.fake.responseUrlPosts.filter((p) => p.id === id);

/** The bot still answers a well-formed command after whatever came before. */
async function stillAnswers() {
  const r = await tb.driver.command(JONAS, SAM, '/samverkan hjälp');
  expect(r.status).toBe(200);
  expect((await r.reply()).text).toContain('Samverkan – hjälp');
}

describe('the Slack contract', () => {
  it('refuses requests signed more than five minutes from now, in the future as in the past', async () => {
    for (const [label, offset] of [['6 minutes ahead', 6 * 60], ['an hour ahead', 3600], ['a year ahead', 365 * 86400], ['6 minutes ago', -6 * 60]] as const) {
      const id = `future-${offset}`;
      const body = helpCommandBody(id);
      const r = await tb.driver.post(body, FORM, tb.driver.sign(body, now() + offset));
      expect(r.status, label).toBe(401);
      expect(repliesTo(id), label).toEqual([]);
    }
    // A clock a little ahead of Slack's is still fine.
    const body = helpCommandBody('near-future');
    const ok = await tb.driver.post(body, FORM, tb.driver.sign(body, now() + 4 * 60));
    expect(ok.status).toBe(200);
  });

  it('answers a signed payload=null or a JSON null with 400 and keeps running', async () => {
    for (const [body, type] of [['payload=null', FORM], ['null', 'application/json'], ['payload=%5B%5D', FORM], ['42', 'application/json'], ['payload=%7Bnot+json', FORM]] as const) {
      const r = await tb.driver.post(body, type);
      expect(r.status, body).toBe(400);
    }
    await stillAnswers();
  });

  it('answers forged payloads with no user, a null view or a null event with 400, never 500', async () => {
    const team = { id: tb.driver.teamId };
    const forged: Array<[string, string, string]> = [
      ['block_actions without a user', FORM, `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', team, actions: [{ action_id: 'x', type: 'button' }] }))}`],
      ['block_actions with a null user', FORM, `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', team, user: null, actions: [{ action_id: 'x', type: 'button' }] }))}`],
      ['block_actions with no actions', FORM, `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', team, user: { id: JONAS }, actions: null }))}`],
      ['view_submission with a null view', FORM, `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', team, user: { id: JONAS }, view: null }))}`],
      ['view_submission with a null state', FORM, `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', team, user: { id: JONAS }, view: { id: 'V1', callback_id: 'x', state: null } }))}`],
      ['view_closed without a user', FORM, `payload=${encodeURIComponent(JSON.stringify({ type: 'view_closed', team, view: { id: 'V1', callback_id: 'x' } }))}`],
      ['an unknown interaction type', FORM, `payload=${encodeURIComponent(JSON.stringify({ type: 'nonsense', user: { id: JONAS } }))}`],
      ['a shortcut without a user', FORM, `payload=${encodeURIComponent(JSON.stringify({ type: 'shortcut', team, callback_id: 'x', trigger_id: '1' }))}`],
      ['a message action without a channel', FORM, `payload=${encodeURIComponent(JSON.stringify({ type: 'message_action', team, user: { id: JONAS }, callback_id: 'x', trigger_id: '1', message: { ts: '1' } }))}`],
      ['an event_callback with a null event', 'application/json', JSON.stringify({ type: 'event_callback', team_id: tb.driver.teamId, event: null })],
      ['an event_callback without an event', 'application/json', JSON.stringify({ type: 'event_callback', team_id: tb.driver.teamId })],
      ['a command without a user', FORM, new URLSearchParams({ command: '/samverkan', text: 'hjälp', channel_id: SAM, team_id: tb.driver.teamId }).toString()],
      ['a command with an empty name', FORM, new URLSearchParams({ command: '', user_id: JONAS, channel_id: SAM, team_id: tb.driver.teamId }).toString()],
    ];
    for (const [label, type, body] of forged) {
      const r = await tb.driver.post(body, type);
      expect(r.status, label).toBe(400);
    }
    await stillAnswers();
  });
});

function mrkdwnTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(mrkdwnTexts)];
}

describe('text people type is never read as a mention', () => {
  const ERIK = 'U0ERIK';
  it('a decision titled with <!channel> and <!here> and <@U0ANNA> in its body pings no one, in the blocks or the fallback text', async () => {
    const before = new Set(tb.fake.views.keys());
    await tb.driver.command(ERIK, SAM, '/beslut');
    const form = await tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === ERIK && v.view.callback_id === 'decision_form'));
    const r = await tb.driver.submitView(ERIK, form.id, { title: 'Viktigt <!channel>', body: 'Hör av er <!here> och <@U0ANNA>, <!subteam^S123>', background: 'Se <!everyone>', link: 'https://example.se/<!channel>' });
    expect(r.body.response_action).toBe('update');
    expect(JSON.stringify(r.body)).not.toMatch(/<!channel>|<!here>|<@U0ANNA>/);
    await tb.flush();
    const d = await tb.db.prisma.decision.findFirstOrThrow({ where: { title: 'Viktigt <!channel>' } });
    const ref = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref: `decision:${d.id}` } });
    const card = tb.fake.messages.find((m) => m.channel === ref.conversationId && m.ts === ref.messageId)!;
    expect(card.text).toBe('Beslut SAM 2026:1: Viktigt &lt;!channel&gt;');
    // Slack reads mentions in the fallback text and in mrkdwn; plain_text (the header) shows them as typed.
    const all = JSON.stringify([card.text, ...mrkdwnTexts(card.blocks)]);
    for (const ping of ['<!channel>', '<!here>', '<!everyone>', '<@U0ANNA>', '<!subteam^S123>']) expect(all, ping).not.toContain(ping);
    expect(all).toContain('&lt;!here&gt;');
  });
});
