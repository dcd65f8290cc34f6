import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot();
});
afterAll(async () => {
  await tb?.stop();
});

const ANNA = 'U0ANNA'; // Socialförvaltningen, steering group representative, admin
const JONAS = 'U0JONAS'; // BOJ Stockholm-Gotland, coordinator
const LINNEA = 'U0LINNEA'; // BOJ Västerort, prefers English
const SAM = 'C0SAMVERK';

describe('/samverkan', () => {
  it('answers help in Swedish, listing its commands', async () => {
    const r = await tb.driver.command(JONAS, SAM, '/samverkan hjälp');
    expect(r.status).toBe(200);
    const reply = await r.reply();
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('Samverkan – hjälp');
    expect(JSON.stringify(reply.blocks)).toContain('/samverkan status');
  });

  it('shows the status with the member\'s own roles', async () => {
    const reply = await (await tb.driver.command(JONAS, SAM, '/samverkan status')).reply();
    expect(reply.text).toContain('Jonas Berg');
    expect(reply.text).toContain('BOJ Stockholm-Gotland');
    const all = JSON.stringify(reply.blocks);
    expect(all).toContain('Socialförvaltningen, Stockholms stad');
    expect(all).toContain('<#C0STYRGRP>');
    expect(all).toMatch(/Samverkansgruppen \(<#C0SAMVERK>, 4 ledamöter\)/);
  });

  it('speaks English to a member who chose English', async () => {
    const reply = await (await tb.driver.command(LINNEA, SAM, '/samverkan status')).reply();
    expect(reply.text).toContain('You: *Linnea Ström*');
    expect(reply.text).toContain('representative in Samverkansgruppen');
  });

  it('tells a stranger they are not a member, and an unknown subcommand what to type', async () => {
    const stranger = await (await tb.driver.command('U0NOBODY', SAM, '/samverkan status')).reply();
    expect(stranger.text).toContain('Du finns inte med bland partnerskapets medlemmar');
    const unknown = await (await tb.driver.command(JONAS, SAM, '/samverkan flyga')).reply();
    expect(unknown.text).toBe('Jag känner inte igen `/samverkan flyga`. Skriv `/samverkan hjälp` för att se vad jag kan.');
  });
});

describe('/samverkan admin', () => {
  it('refuses a non-admin', async () => {
    const reply = await (await tb.driver.command(JONAS, SAM, '/samverkan admin visa')).reply();
    expect(reply.text).toBe('Bara administratörer kan använda `/samverkan admin`.');
  });

  it('shows the partnership with organisation numbers and members', async () => {
    const reply = await (await tb.driver.command(ANNA, SAM, '/samverkan admin visa')).reply();
    const all = JSON.stringify(reply.blocks);
    expect(all).toContain('802490-7720');
    expect(all).toContain('Omar Haddad');
    expect(all).toContain('idéburen sektor');
  });

  it('adds a member with roles, then deactivates them, with audit rows', async () => {
    const add = await (await tb.driver.command(ANNA, SAM, '/samverkan admin lägg-till <@U0NEW|nils> boj-sodra samordnare representant:samverkansgrupp')).reply();
    expect(add.text).toContain('<@U0NEW> är nu medlem för BOJ Södra Stockholm');
    expect(add.text).toContain('samordnare');
    expect(add.text).toContain('representant i Samverkansgruppen');
    const status = await (await tb.driver.command('U0NEW', SAM, '/samverkan status')).reply();
    expect(status.text).toContain('*nils*');

    const off = await (await tb.driver.command(ANNA, SAM, '/samverkan admin inaktivera <@U0NEW|nils>')).reply();
    expect(off.text).toContain('är inaktiverad');
    const after = await (await tb.driver.command('U0NEW', SAM, '/samverkan status')).reply();
    expect(after.text).toContain('Du finns inte med');

    const member = await tb.db.prisma.member.findFirstOrThrow({ where: { chatUserId: 'U0NEW' } });
    expect(member.active).toBe(false);
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'Member', entityId: member.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['create', 'deactivate']);
    expect(audit[0]!.actorLabel).toContain('Anna Lindqvist');
  });

  it('explains each mistake specifically', async () => {
    const cases: Array<[string, string]> = [
      ['/samverkan admin lägg-till boj-sg', 'Ange vem det gäller med @namn'],
      ['/samverkan admin lägg-till <@U0X2|x> bojj samordnare', 'Det finns ingen part som heter `bojj`'],
      ['/samverkan admin lägg-till <@U0X2|x> sof kassör', 'Jag känner inte igen rollen `kassör`'],
      ['/samverkan admin lägg-till <@U0X2|x> sof representant', 'Rollen `representant` gäller en grupp'],
      ['/samverkan admin lägg-till <@U0X2|x> sof ordförande:fikagruppen', 'Det finns ingen grupp som heter `fikagruppen`'],
      ['/samverkan admin inaktivera <@U0GHOST|g>', '<@U0GHOST> är inte medlem i partnerskapet.'],
      ['/samverkan admin inaktivera <@U0ANNA|anna>', 'Du kan inte inaktivera den sista aktiva administratören.'],
    ];
    for (const [line, expected] of cases) {
      const reply = await (await tb.driver.command(ANNA, SAM, line)).reply();
      expect(reply.text, line).toContain(expected);
    }
    expect(await tb.db.prisma.member.count({ where: { chatUserId: 'U0X2' } })).toBe(0);
  });
});

describe('the HTTP endpoint', () => {
  it('refuses requests with a bad signature and does nothing', async () => {
    const before = tb.fake.responseUrlPosts.length;
    const body = new URLSearchParams({ command: '/samverkan', text: 'status', user_id: JONAS, channel_id: SAM, response_url: tb.fake.responseUrl('bad'), trigger_id: 'x', team_id: 'T0SAMVERK' }).toString();
    const r = await tb.driver.post(body, 'application/x-www-form-urlencoded', { 'x-slack-signature': 'v0=deadbeef' });
    expect(r.status).toBe(401);
    const stale = await tb.driver.post(body, 'application/x-www-form-urlencoded', tb.driver.sign(body, Math.floor(Date.now() / 1000) - 600));
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(tb.fake.responseUrlPosts.length).toBe(before);
  });

  it('reports health with the database', async () => {
    const res = await fetch(`${tb.bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
  });
});

describe('a bot configured for English, whose database goes away', () => {
  it('answers in English by default, then reports the lost database as unhealthy', async () => {
    const en = await startTestBot({ env: { BOT_LOCALE: 'en' } });
    try {
      const help = await (await en.driver.command(JONAS, SAM, '/samverkan help')).reply();
      expect(help.text).toContain('Samverkan – help');
      const show = await (await en.driver.command(ANNA, SAM, '/samverkan admin show')).reply();
      expect(JSON.stringify(show.blocks)).toContain('non-profit sector');
      expect((await fetch(`${en.bot.url}/healthz`)).status).toBe(200);
      await en.db.close();
      const res = await fetch(`${en.bot.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'error', db: 'unavailable' });
    } finally {
      await en.bot.stop().catch(() => {});
      await en.fake.close();
    }
  });
});
