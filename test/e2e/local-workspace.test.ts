import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { startLocal, type LocalRunning } from '../../src/local/start.ts';
import { createLogger } from '../../src/logger.ts';
import { STOCKHOLM } from '../helpers/bot.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { openTestDatabase } from '../helpers/db.ts';

let db: Database;
let local: LocalRunning;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  db = await openTestDatabase();
  const config = loadConfig({ PORT: '0', PARTNERSHIP_FILE: STOCKHOLM, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error' });
  // A Monday in May 2026: the collaboration group meets on Tuesday 19 May, the first quarter is closed.
  local = await startLocal({ config, db, scheduler: false, baseClock: new ManualClock('2026-05-04T08:00:00Z'), logger: createLogger(config.logLevel, 'local-test') });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('dialog', (d) => void d.accept());
});
afterAll(async () => {
  await browser?.close();
  await local?.stop();
  await db?.close();
});

/** Counts distinct colours of a PNG: a blank or broken page has a handful, a workspace hundreds. */
function distinctColours(png: Buffer): number {
  const img = PNG.sync.read(png);
  const seen = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4) seen.add((img.data[i]! << 16) | (img.data[i + 1]! << 8) | img.data[i + 2]!);
  return seen.size;
}

async function runCommand(line: string) {
  await page.fill('#composer', line);
  await page.press('#composer', 'Enter');
}

describe('the local workspace in a browser', () => {
  it('is clearly marked as local mode and lets a coordinator pick who they are', async () => {
    await page.goto(`${local.running.url}/`);
    await expect.poll(() => page.textContent('[data-testid=local-badge]'), { timeout: 10_000 }).toBe('LOKALT LÄGE');
    await page.selectOption('#who', 'U0JONAS');
    await expect.poll(() => page.textContent('.who small'), { timeout: 10_000 }).toContain('coordinator');
    expect(await page.locator('.nav[data-conv=C0SAMVERK]').textContent()).toContain('samverkansgrupp');
  });

  it('runs a slash command and shows the ephemeral reply only to the person who ran it', async () => {
    await page.click('.nav[data-conv=C0SAMVERK]');
    await runCommand('/samverkan status');
    const reply = page.locator('.msg.ephemeral', { hasText: 'Jonas Berg' });
    await reply.waitFor();
    expect(await reply.textContent()).toContain('Bara du ser det här');
    expect(await reply.locator('.mention').first().textContent()).toBe('#styrgrupp');
    await page.selectOption('#who', 'U0SARA');
    await expect.poll(() => page.locator('.msg.ephemeral', { hasText: 'Jonas Berg' }).count(), { timeout: 10_000 }).toBe(0);
    await page.selectOption('#who', 'U0JONAS');
    await page.locator('.msg.ephemeral', { hasText: 'Jonas Berg' }).waitFor();
  });

  it('refuses a command the bot does not have, with the list of its commands', async () => {
    await runCommand('/flyga högt');
    await expect.poll(() => page.textContent('.composer-error'), { timeout: 10_000 }).toContain('/samverkan');
  });

  it('moves the bot clock forward, never back, and reminders fall due on the way', async () => {
    await page.click('text=+1 vecka');
    await expect.poll(() => page.textContent('[data-testid=clock-today]'), { timeout: 10_000 }).toBe('2026-05-11');
    await page.fill('.clock input[type=date]', '2026-05-13');
    await page.click('text=Gå till');
    await expect.poll(() => page.textContent('[data-testid=clock-today]'), { timeout: 10_000 }).toBe('2026-05-13');
    await page.click('.nav[data-conv=C0SAMVERK]');
    await page.locator('.msg', { hasText: 'Påminnelse: Samverkansgruppen har möte' }).waitFor();
    expect(local.clock.offset).toBe(9 * 86_400_000);
    await page.fill('.clock input[type=date]', '2026-05-01');
    await page.click('text=Gå till');
    await expect.poll(() => page.textContent('.clock-error'), { timeout: 10_000 }).toBe('Tiden går bara framåt här: 2026-05-01 är inte efter i dag (2026-05-13).');
    expect(local.clock.offset).toBe(9 * 86_400_000);
  });

  it('opens on a seeded history: decisions, statistics and rotation played through the bot', async () => {
    await page.click('.nav[data-conv=C0SAMVERK]');
    await page.locator('.msg', { hasText: 'Beslut SAM 2026:1: Gemensam broschyr' }).waitFor();
    expect(await page.locator('.msg', { hasText: 'har rapporterat statistik för Stockholm' }).count()).toBe(1);
    await page.click('.nav[data-conv=C0STYRGRP]');
    await page.locator('.msg', { hasText: 'Statistik per kommun och kön varje kvartal' }).waitFor();
    const keys = await db.prisma.idempotencyKey.findMany({ where: { key: { startsWith: 'local-workspace:demo-seed:' } } });
    expect(keys.map((k) => k.key).sort()).toEqual(['decisions', 'rotation', 'statistics'].map((s) => `local-workspace:demo-seed:${s}`));
  });

  it('lets a coordinator report statistics, showing a bad figure on its field and keeping what was typed', async () => {
    await page.selectOption('#who', 'U0SARA');
    await page.click('.nav[data-conv=C0SAMVERK]');
    await runCommand('/statistik');
    await page.locator('.modal[data-callback-id=statistics_choose]').waitFor();
    await page.click('[data-testid=modal-submit]');
    const form = page.locator('.modal[data-callback-id=statistics_form]');
    await form.waitFor();
    const figures: Record<string, string> = {
      total: '9', genderFemale: '6', genderMale: '3', genderOther: '0', age0to17: '0', age18to20: '0', age21to64: '9', age65plus: '0',
      roleVictim: '9', roleWitness: '0', roleVictimRelative: '0', rolePerpetratorRelative: '0', meetings: 'tio', referrals: '0', volunteerHours: '12',
    };
    for (const [field, value] of Object.entries(figures)) await form.locator(`[data-action-id=${field}]`).fill(value);
    const crimes = await form.locator('[data-action-id^=crime_]').all();
    for (const [i, c] of crimes.entries()) await c.fill(i === 0 ? '9' : '0');
    await page.click('[data-testid=modal-submit]');
    const error = form.locator('.field-error[data-error-for=meetings]');
    await expect.poll(() => error.textContent(), { timeout: 10_000 }).not.toBe('');
    expect(await form.locator('.field-error:not(:empty)').count()).toBe(1);
    expect(await form.locator('[data-action-id=total]').inputValue()).toBe('9');
    await form.locator('[data-action-id=meetings]').fill('14');
    await page.click('[data-testid=modal-submit]');
    await page.locator('.modal', { hasText: 'Statistiken för Stockholm, kvartal' }).waitFor();
    const saved = await db.prisma.statisticsReport.findMany({ where: { total: 9 } });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.meetings).toBe(14);
    await page.click('.modal-head button[title=Stäng]');
  });

  it('records a decision from the composer and shows its card in the channel', async () => {
    await runCommand('/beslut');
    const form = page.locator('.modal[data-callback-id=decision_form]');
    await form.waitFor();
    await form.locator('[data-action-id=title]').fill('Öppet hus på jouren i maj');
    await form.locator('[data-action-id=body]').fill('Jourerna bjuder in till öppet hus en lördag i maj.');
    await page.click('[data-testid=modal-submit]');
    await page.locator('.modal', { hasText: 'SAM 2026:3' }).waitFor();
    await page.click('.modal-head button[title=Stäng]');
    const card = page.locator('.msg', { hasText: 'Beslut SAM 2026:3: Öppet hus på jouren i maj' });
    await card.waitFor();
    expect(await card.locator('.b-header').textContent()).toBe('Beslut SAM 2026:3: Öppet hus på jouren i maj');
  });

  it('offers the message shortcuts from the manifest in a message menu', async () => {
    const message = page.locator('.msg', { hasText: 'har rapporterat statistik' }).first();
    await message.locator('.msg-menu summary').click();
    await message.locator('button[data-callback-id=register_decision]').click();
    const form = page.locator('.modal[data-callback-id=decision_form]');
    await form.waitFor();
    await page.click('.modal-head button[title=Stäng]');
    await expect.poll(() => page.locator('.modal').count(), { timeout: 10_000 }).toBe(0);
  });

  it('opens uploaded files from the fake Slack', async () => {
    await runCommand('/beslut export samverkansgrupp 2026');
    const links = page.locator('.msg a[data-testid=file-link]');
    await expect.poll(() => links.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const csv = hrefs.find((h) => local.workspace.fake.files.find((f) => h.endsWith(`/files/${f.id}`))?.filename.endsWith('.csv'));
    const res = await fetch(csv!);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Öppet hus på jouren i maj');
  });

  it('shows the App Home tab', async () => {
    await page.click('.nav[data-conv=home]');
    await expect.poll(() => page.locator('.home .blocks').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.home .unsupported').count()).toBe(0);
  });

  it('looks like a workspace, not a blank page', async () => {
    await page.click('.nav[data-conv=C0STYRGRP]');
    const png = await page.screenshot({ type: 'png' });
    expect(png.length).toBeGreaterThan(20_000);
    expect(distinctColours(png)).toBeGreaterThan(200);
  });
});
