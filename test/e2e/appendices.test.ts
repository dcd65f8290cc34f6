import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { parsePartnershipFile } from '../../src/domain/partnership/file-loader.ts';
import { syncPartnership } from '../../src/domain/partnership/sync.ts';
import { startTestBot, STOCKHOLM, type TestBot } from '../helpers/bot.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Stockholm: Styrgruppen is Socialförvaltningen (Anna, chair until May), BOJ Stockholm-Gotland
// (Maria), BOJ Södra Stockholm (Sara) and BOJ Västerort (Omar). Jonas and Linnea are in the
// collaboration group only.
const ANNA = 'U0ANNA';
const MARIA = 'U0MARIA';
const SARA = 'U0SARA';
const OMAR = 'U0OMAR';
const JONAS = 'U0JONAS';
const LINNEA = 'U0LINNEA'; // English
const SAM = 'C0SAMVERK';
const STY = 'C0STYRGRP';

const clock = new ManualClock('2026-03-10T09:00:00Z');
let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ clock });
});
afterAll(async () => {
  await tb?.stop();
});

const text = (m: any) => JSON.stringify(m?.blocks ?? m?.view?.blocks ?? []) + (m?.text ?? '');
const reply = async (user: string, line: string, channel = SAM) => {
  const r = await (await tb.driver.command(user, channel, line)).reply();
  return `${r.text}\n${JSON.stringify(r.blocks ?? [])}`;
};
async function opened(user: string, callbackId: string, action: () => Promise<unknown>) {
  const before = new Set(tb.fake.views.keys());
  await action();
  return tb.fake.waitFor(() => [...tb.fake.views.values()].find((v) => !before.has(v.id) && v.user === user && v.view.callback_id === callbackId));
}
const openChange = (user: string, party: string) => opened(user, 'appendix_change', () => tb.driver.command(user, STY, `/samverkan bilaga ändra ${party}`));
const posted = async (ref: string) => {
  const row = await tb.db.prisma.chatMessage.findUniqueOrThrow({ where: { ref } });
  return tb.fake.messages.find((m) => m.channel === row.conversationId && m.ts === row.messageId)!;
};
const versions = async (key: string) => tb.db.prisma.appendixVersion.findMany({ where: { appendixKey: key }, orderBy: [{ source: 'desc' }, { createdAt: 'asc' }] }); // the file's first
const consent = async (user: string, decisionId: string) => {
  const card = await posted(`decision:${decisionId}`);
  await (await tb.driver.click(user, { channel: card.channel, ts: card.ts }, 'decision_consent')).reply();
  await tb.flush();
};
const change = {
  title: 'Stöd till brottsutsatta i Söderort och Skärholmen',
  version: '2.0',
  valid_from: '2026-07-01',
  link: 'https://example.org/stockholm/iop/bilaga-boj-sodra-v2.pdf',
  changes: 'Jouren tar även emot stödsökande från Skärholmen; öppettiderna utökas med en kväll i veckan.',
};

describe('the register of appendices', () => {
  it('lists each party\'s appendix from the partnership file: title, version, valid from, link, history', async () => {
    const list = await reply(JONAS, '/samverkan bilagor');
    expect(list).toContain('Bilagor till överenskommelsen');
    expect(list).toContain('*BOJ Södra Stockholm*: Stöd till brottsutsatta i Söderort, version 1.0, gäller från 1 januari 2026');
    expect(list).toContain('<https://example.org/stockholm/iop/bilaga-boj-sodra-v1.pdf|Undertecknat dokument>');
    expect(list).toContain('*Socialförvaltningen*: Socialnämndens åtaganden: Stödcentrum för brottsutsatta, version 1.0');
    expect(list).toContain('version 1.0 (1 januari 2026): enligt överenskommelsen');
    expect(list).toContain('`/samverkan bilaga ändra <part>`');
    const en = await reply(LINNEA, '/samverkan appendices');
    expect(en).toContain('Appendices to the agreement');
    expect(en).toContain('*BOJ Västerort*: Stöd till brottsutsatta i Västerort, version 1.0, valid from 1 January 2026');
    expect(en).toContain('version 1.0 (1 January 2026): as in the agreement');
  });

  it('is in the help, Swedish and English', async () => {
    const sv = await reply(JONAS, '/samverkan hjälp');
    expect(sv).toContain('*Bilagor (parternas åtaganden)*');
    expect(sv).toContain('`/samverkan bilaga ändra &lt;part&gt;` – föreslå en ny version');
    expect(await reply(LINNEA, '/samverkan help')).toContain('`/samverkan appendix change &lt;party&gt;` – propose a new version');
  });

  it('refuses a change from anyone who is not a steering group representative, in their language, without a form', async () => {
    const before = tb.fake.views.size;
    expect(await reply(JONAS, '/samverkan bilaga ändra boj-sodra')).toContain('Bara representanter i Styrgruppen kan föreslå en ändring av en bilaga.');
    expect(await reply(LINNEA, '/samverkan appendix change boj-sodra')).toContain('Only representatives in Styrgruppen can propose a change to an appendix.');
    expect(tb.fake.views.size).toBe(before);
    expect(await tb.db.prisma.decision.count()).toBe(0);
  });

  it('names the parties when the party is unknown or missing', async () => {
    expect(await reply(SARA, '/samverkan bilaga ändra boj-norr')).toContain('Det finns ingen bilaga för `boj-norr`. Parter med bilaga: sof, boj-sg, boj-sodra, boj-vasterort.');
    expect(await reply(SARA, '/samverkan bilaga ändra')).toContain('Ange vilken parts bilaga som ska ändras');
  });
});

describe('a change is a unanimous steering decision', () => {
  let decisionId: string;

  it('refuses a bad link and a personnummer in the form, keeping what was typed', async () => {
    const form = await openChange(SARA, 'boj-sodra');
    expect(text(form.view)).toContain('Nu gäller: Stöd till brottsutsatta i Söderort, version 1.0 från 1 januari 2026.');
    const bad = await tb.driver.submitView(SARA, form.id, { ...change, link: 'http://example.org/bilaga.pdf', version: '1.0', changes: 'Gäller även 19811218-9876.' });
    expect(bad.body.response_action).toBe('errors');
    expect(bad.body.errors.link).toContain('https-adress');
    expect(bad.body.errors.version).toBe('Version 1.0 gäller redan. Ange den nya versionen.');
    expect(bad.body.errors.changes).toBeDefined();
    // A description of a person is held back at the edge like on every form.
    const person = await tb.driver.submitView(SARA, form.id, { ...change, changes: 'Gäller Anna Svensson, 34 år, Storgatan 5, som fått stöd.' });
    expect(person.body.response_action).toBe('errors');
    expect(person.body.errors.changes).toContain('Texten ser ut att beskriva en enskild person');
    expect(await tb.db.prisma.decision.count()).toBe(0);
    expect(await versions('bilaga-boj-sodra')).toHaveLength(1);
  });

  it('proposes a steering decision (STY-Fn) from the form; the appendix is unchanged until every party consents', async () => {
    const form = await openChange(SARA, 'boj-sodra');
    const r = await tb.driver.submitView(SARA, form.id, change);
    expect(r.body.response_action).toBe('update');
    expect(text(r.body)).toContain('Förslaget *STY-F1* är framlagt i <#C0STYRGRP>');
    await tb.flush();
    const d = await tb.db.prisma.decision.findFirstOrThrow({ where: { originType: 'appendix-change' } });
    decisionId = d.id;
    expect(d).toMatchObject({ status: 'PROPOSED', title: 'Ändrad bilaga för BOJ Södra Stockholm: version 2.0', link: change.link });
    expect(d.body).toContain(change.changes);
    expect(text(await posted(`decision:${d.id}`))).toContain('Ändrad bilaga för BOJ Södra Stockholm');

    // Three of four parties consent: still version 1.0, the proposal shown as pending.
    for (const u of [ANNA, MARIA, SARA]) await consent(u, d.id);
    expect((await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('PROPOSED');
    const list = await reply(JONAS, '/samverkan bilagor');
    expect(list).toContain('*BOJ Södra Stockholm*: Stöd till brottsutsatta i Söderort, version 1.0');
    expect(list).toContain('Ändring föreslagen: *STY-F1* väntar på styrgruppens beslut.');
    expect((await versions('bilaga-boj-sodra')).filter((v) => v.adoptedAt)).toHaveLength(1);
    // A second proposal about the same appendix waits for the first.
    expect(await reply(MARIA, '/samverkan bilaga ändra boj-sodra', STY)).toContain('Det finns redan ett förslag om bilagan för BOJ Södra Stockholm (*STY-F1*)');
  });

  it('records the new version, linked to the decision, when the last party consents, and says so in the channel', async () => {
    await consent(OMAR, decisionId);
    const d = await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: decisionId } });
    expect(d.status).toBe('ADOPTED');
    expect(d.reference).toBe('STY 2026:1');
    const [file, second] = await versions('bilaga-boj-sodra');
    expect(file).toMatchObject({ source: 'file', version: '1.0', decisionId: null });
    expect(second).toMatchObject({ source: 'decision', version: '2.0', title: change.title, link: change.link, decisionId, adoptedAt: d.adoptedAt });
    const list = await reply(JONAS, '/samverkan bilagor');
    expect(list).toContain('*BOJ Södra Stockholm*: Stöd till brottsutsatta i Söderort och Skärholmen, version 2.0, gäller från 1 juli 2026');
    expect(list).toContain('<https://example.org/stockholm/iop/bilaga-boj-sodra-v2.pdf|Undertecknat dokument>');
    expect(list).toContain('• version 1.0 (1 januari 2026): enligt överenskommelsen\\n• version 2.0 (1 juli 2026): beslut *STY 2026:1*');
    expect(list).not.toContain('Ändring föreslagen');
    const note = tb.fake.channelMessages(STY).filter((m) => m.text?.startsWith('Styrgruppen har beslutat (*STY 2026:1*)'));
    expect(note).toHaveLength(1);
    expect(note[0]!.text).toContain('bilagan för *BOJ Södra Stockholm* är nu "Stöd till brottsutsatta i Söderort och Skärholmen", version 2.0, som gäller från 1 juli 2026.');
    const audit = await tb.db.prisma.auditLog.findMany({ where: { entityType: 'AppendixVersion', entityId: second!.id } });
    expect(audit.map((a) => a.action)).toEqual(['propose-change', 'adopt']);
  });

  it('keeps the decided version when the partnership file is synced again, also after an edit of the file\'s version', async () => {
    const yaml = fs.readFileSync(STOCKHOLM, 'utf8');
    expect((await syncPartnership(tb.db.prisma, parsePartnershipFile(yaml))).changes).toBe(0);
    const edited = yaml.replace('bilaga-boj-sodra-v1.pdf', 'bilaga-boj-sodra-v1-signerad.pdf');
    expect((await syncPartnership(tb.db.prisma, parsePartnershipFile(edited))).changes).toBe(1);
    const [file, second] = await versions('bilaga-boj-sodra');
    expect(file!.link).toBe('https://example.org/stockholm/iop/bilaga-boj-sodra-v1-signerad.pdf');
    expect(second).toMatchObject({ version: '2.0', decisionId });
    const list = await reply(JONAS, '/samverkan bilagor');
    expect(list).toContain('*BOJ Södra Stockholm*: Stöd till brottsutsatta i Söderort och Skärholmen, version 2.0');
    await syncPartnership(tb.db.prisma, parsePartnershipFile(yaml));
  });
});

describe('a withdrawn proposal', () => {
  it('records nothing, and the appendix can be proposed for change again', async () => {
    const form = await openChange(MARIA, 'boj-sg');
    await tb.driver.submitView(MARIA, form.id, { title: 'Stöd till brottsutsatta i innerstaden och på Gotland', version: '1.1', valid_from: '2026-05-01', link: 'https://example.org/stockholm/iop/bilaga-boj-stockholm-gotland-v1-1.pdf', changes: 'Gotland läggs till.' });
    await tb.flush();
    const d = await tb.db.prisma.decision.findFirstOrThrow({ where: { originType: 'appendix-change', status: 'PROPOSED' } });
    await consent(MARIA, d.id);
    // Socialförvaltningen chairs: Anna withdraws the proposal.
    const card = await posted(`decision:${d.id}`);
    const confirm = await opened(ANNA, 'decision_withdraw_confirm', () => tb.driver.click(ANNA, { channel: card.channel, ts: card.ts }, 'decision_withdraw'));
    await tb.driver.submitView(ANNA, confirm.id, {});
    await tb.flush();
    expect((await tb.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('WITHDRAWN');
    const rows = await versions('bilaga-boj-sg');
    expect(rows.filter((r) => r.adoptedAt)).toHaveLength(1);
    expect(rows.find((r) => r.decisionId === d.id)!.withdrawnAt).not.toBeNull();
    const list = await reply(JONAS, '/samverkan bilagor');
    expect(list).toContain('*BOJ Stockholm-Gotland*: Stöd till brottsutsatta och vittnen i innerstaden, version 1.0');
    expect(list).not.toContain('1.1');
    expect(list).not.toContain('Ändring föreslagen');
    // Nothing stands in the way of a new proposal.
    const again = await openChange(MARIA, 'boj-sg');
    expect(again.view.callback_id).toBe('appendix_change');
  });
});
