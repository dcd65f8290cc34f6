import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { loadPartnershipFile } from '../../src/domain/partnership/file-loader.ts';
import { FakeSlack } from '../../src/slack/fake/server.ts';
import { SignedDriver } from '../../src/slack/fake/signed-driver.ts';
import { SIGNING_SECRET, STOCKHOLM, startTestBot, type TestBot } from '../helpers/bot.ts';
import { createTestDatabase } from '../helpers/db.ts';
import { spawnCapturing } from '../helpers/process.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const root = path.resolve(import.meta.dirname, '../..');
const ANNA = 'U0ANNA'; // steering group, Swedish
const MARIA = 'U0MARIA'; // steering group, Swedish
const LINNEA = 'U0LINNEA'; // collaboration group, English
const JONAS = 'U0JONAS'; // collaboration group, Swedish
const SAM = 'C0SAMVERK';
const STY = 'C0STYRGRP';

let fake: FakeSlack;
let dataDir: string | undefined;
let pgDb: { url: string; drop(): Promise<void> } | undefined;
const children: ChildProcess[] = [];

beforeAll(async () => {
  const partnership = loadPartnershipFile(STOCKHOLM);
  fake = await FakeSlack.start({
    token: 'xoxb-test',
    users: partnership.members.map((m) => ({ id: m.user, name: m.name.split(' ')[0]!.toLowerCase(), real_name: m.name })),
    channels: partnership.groups.map((g) => ({ id: g.channel, name: g.key })),
  });
  if (process.env.TEST_DATABASE_URL) pgDb = await createTestDatabase(process.env.TEST_DATABASE_URL);
  else dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-crash-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await fake?.close();
  await pgDb?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The database the bot processes share: a data directory (embedded) or one PostgreSQL database. */
const openShared = (): Promise<Database> => openDatabase(pgDb ? { databaseUrl: pgDb.url } : { dataDir: dataDir! });

/** Starts a real bot process that stops forever at `crashAt`; the test then kills it with SIGKILL. */
async function startChild(crashAt: string, env: Record<string, string> = {}) {
  // Node itself with tsx's loader (not the tsx command, which would run the bot in a child of its own): SIGKILL hits the bot.
  const p = spawnCapturing(process.execPath, ['--import', 'tsx', 'test/helpers/crash-child.ts'], {
    LOG_LEVEL: 'error',
    SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl,
    PORT: '0', HOST: '127.0.0.1', PARTNERSHIP_FILE: STOCKHOLM, CRASH_AT: crashAt,
    ...(pgDb ? { DATABASE_URL: pgDb.url } : { DATA_DIR: dataDir! }),
    ...env,
  });
  children.push(p.child);
  const [, url] = await p.waitFor(/LISTENING (\S+)/, 120_000);
  return {
    driver: new SignedDriver({ url: url!, signingSecret: SIGNING_SECRET, fake }),
    /** How many times the process has stopped at its crash point (each request that reached it). */
    stops: () => p.stdout().split('\n').filter((l) => l === `STOPPED AT ${crashAt}`).length,
    async kill9() {
      p.child.kill('SIGKILL');
      await p.exited;
    },
  };
}

const dms = (user: string) => fake.messages.filter((m) => m.channel === user).map((m) => m.text ?? '');
const openForm = async (tb: TestBot, user: string, channel: string) => {
  const before = new Set(fake.views.keys());
  await tb.driver.command(user, channel, '/beslut');
  return (await fake.waitFor(() => [...fake.views.values()].find((v) => !before.has(v.id) && v.user === user))).id;
};

describe('an action killed with kill -9 right after its acknowledgement', () => {
  it('is saved, or its actor hears after the restart that it was not (a vote, a skip, a form), once', { timeout: 600_000 }, async () => {
    // Before: a steering proposal to vote on, and two forms open in Slack (Slack keeps them across the bot's restarts).
    let db = await openShared();
    let tb = await startTestBot({ db, fake, clock: new ManualClock(new Date()) });
    const proposalForm = await openForm(tb, ANNA, STY);
    await tb.driver.submitView(ANNA, proposalForm, { title: 'Ny part: BOJ Norrort', body: 'Styrgruppen föreslår att BOJ Norrort blir part från 2027.' });
    await tb.flush();
    const d = await db.prisma.decision.findFirstOrThrow({ where: { title: 'Ny part: BOJ Norrort' } });
    const card = await db.prisma.chatMessage.findUniqueOrThrow({ where: { ref: `decision:${d.id}` } });
    const savedForm = await openForm(tb, ANNA, STY);
    const lostForm = await openForm(tb, JONAS, SAM);
    await tb.stop();
    await db.close();

    // 1. A process that stops right after each acknowledgement, then is killed.
    const a = await startChild('after-ack');
    expect((await a.driver.click(MARIA, { channel: card.conversationId, ts: card.messageId }, 'decision_consent')).status).toBe(200);
    expect((await a.driver.command(LINNEA, SAM, '/rotation skip 2026-04-07')).status).toBe(200);
    // A form is answered after it is saved: its receipt is its acknowledgement.
    const receipt = await a.driver.submitView(ANNA, savedForm, { title: 'Årlig uppföljning i mars', body: 'Styrgruppen föreslår att uppföljningen hålls i mars.' });
    expect(receipt.status).toBe(200);
    await fake.waitFor(() => a.stops() >= 3);
    await a.kill9();

    // 2. A process whose form is answered "saving…" and is killed before the save commits.
    const b = await startChild('before-commit', { CRASH_SUBMIT_DEADLINE_MS: '300' });
    const saving = await b.driver.submitView(JONAS, lostForm, { title: 'Gemensam broschyr', body: 'Samverkansgruppen tar fram en gemensam broschyr.' });
    expect(JSON.stringify(saving.body)).toContain('Sparar');
    await fake.waitFor(() => b.stops() >= 1);
    await b.kill9();

    // The restart: every actor whose action was cut off is told, by direct message, once.
    const later = new ManualClock(new Date(Date.now() + 4 * 60_000)); // (replicas: another process's row counts as abandoned after 3 minutes)
    db = await openShared();
    tb = await startTestBot({ db, fake, clock: later });
    await tb.flush();
    expect(await db.prisma.decisionVote.count({ where: { decisionId: d.id } })).toBe(0);
    expect(await db.prisma.rotationChange.count()).toBe(0);
    expect(await db.prisma.decision.count({ where: { title: 'Gemensam broschyr' } })).toBe(0);
    expect(dms(MARIA).filter((t) => /^Jag startade om medan jag arbetade med ditt klick \(\d+ december 2026 kl\. \d\d:\d\d\), så det sparades inte\. Klicka igen, tack\.$/.test(t))).toHaveLength(1);
    expect(dms(LINNEA).filter((t) => /^I restarted while working on your command `\/rotation` \(.+\), so it was not done and nothing of it was saved\. Please run the command again\.$/.test(t))).toHaveLength(1);
    expect(dms(JONAS).filter((t) => /^Jag startade om medan jag sparade ditt formulär ”Registrera beslut” \(.+\), så det sparades inte\. Öppna formuläret och skicka det igen, tack\.$/.test(t))).toHaveLength(1);
    // The form that was saved before its acknowledgement is there, and its author hears nothing.
    expect(await db.prisma.decision.count({ where: { title: 'Årlig uppföljning i mars' } })).toBe(1);
    expect(dms(ANNA).filter((t) => t.includes('startade om'))).toHaveLength(0);
    expect(await db.prisma.ackJournal.count()).toBe(0);

    // Another restart tells nobody again; and the vote, done again, counts.
    await tb.stop();
    tb = await startTestBot({ db, fake, clock: later });
    await tb.flush();
    expect(dms(MARIA).filter((t) => t.startsWith('Jag startade om'))).toHaveLength(1);
    const again = await tb.driver.click(MARIA, { channel: card.conversationId, ts: card.messageId }, 'decision_consent');
    await again.reply();
    await tb.bot.inFlight.idle();
    expect(await db.prisma.decisionVote.count({ where: { decisionId: d.id } })).toBe(1);
    await tb.stop();
    await db.close();
  });

  it('a retried command whose upload was claimed by a process killed before uploading gets its files, once', { timeout: 600_000 }, async () => {
    const files = () => fake.files.filter((f) => f.channels.includes(STY) && /^beslutsregister-2026\.(csv|md)$/.test(f.filename)).length;
    const before = files();
    const c = await startChild('after-once-claim');
    const r = await c.driver.command(ANNA, STY, '/beslut export 2026');
    expect(r.status).toBe(200);
    await fake.waitFor(() => c.stops() >= 1);
    await c.kill9();
    expect(files()).toBe(before);

    // Restarted: Slack's retry of the same delivery (same trigger_id) finds a claim nobody will finish.
    const db = await openShared();
    const tb = await startTestBot({ db, fake, clock: new ManualClock(new Date(Date.now() + 10 * 60_000)) });
    expect((await r.redeliver(tb.driver)).status).toBe(200);
    await tb.bot.inFlight.idle();
    expect(files()).toBe(before + 2);
    expect(r.replies().some((p) => /^Beslutsregistret för 2026 .*är uppladdat i kanalen/.test((p.body as any)?.text ?? ''))).toBe(true);
    // Delivered once more: the files are there, nothing is uploaded again.
    await r.redeliver(tb.driver);
    await tb.bot.inFlight.idle();
    expect(files()).toBe(before + 2);

    // A process that died after uploading but before recording it: the claim is taken over, the
    // files are found in the channel, and nothing is uploaded twice.
    const key = (await db.prisma.onceKey.findFirstOrThrow({ where: { key: { startsWith: 'upload:decisions-export:' } } })).key;
    await db.prisma.onceKey.update({ where: { key }, data: { doneAt: null, createdAt: new Date(Date.now() - 60_000) } });
    await r.redeliver(tb.driver);
    await tb.bot.inFlight.idle();
    expect(files()).toBe(before + 2);
    expect((await db.prisma.onceKey.findUniqueOrThrow({ where: { key } })).doneAt).not.toBeNull();
    await tb.stop();
    await db.close();
  });
});
