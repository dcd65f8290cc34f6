import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
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

const require = createRequire(import.meta.url);
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

/** axe-core's serious and critical findings on the page as it is now (rule id and the elements). */
async function axeViolations(): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() => (window as any).axe.run(document, { resultTypes: ['violations'] }));
  return (result.violations as any[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
}

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
    expect(await page.title()).toBe('Samverkan – lokalt läge');
    await page.selectOption('#who', 'U0JONAS');
    // Roles as a person reads them, not the file's keys.
    await expect.poll(() => page.textContent('.who small'), { timeout: 10_000 }).toContain('samordnare');
    expect(await page.textContent('.who small')).not.toMatch(/coordinator|representative:|chair:/);
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
    const again = page.locator('.msg.ephemeral', { hasText: 'Jonas Berg' });
    await again.waitFor();
    // Dismissed like in Slack: gone from the page and from the fake Slack.
    await again.locator('[data-testid=dismiss]').click();
    await expect.poll(() => page.locator('.msg.ephemeral', { hasText: 'Jonas Berg' }).count(), { timeout: 10_000 }).toBe(0);
    expect(local.workspace.fake.messages.filter((m) => m.ephemeral_to === 'U0JONAS' && m.text?.includes('Jonas Berg'))).toHaveLength(0);
  });

  it('refuses a command the bot does not have, with the list of its commands', async () => {
    await runCommand('/flyga högt');
    await expect.poll(() => page.textContent('.composer-error'), { timeout: 10_000 }).toContain('/samverkan');
  });

  it('moves the bot clock forward, never back, and reminders fall due on the way', async () => {
    await runCommand('/samverkan status');
    await page.locator('.msg.ephemeral').first().waitFor();
    await page.click('.clock button:text-is("Gå till")');
    await expect.poll(() => page.textContent('.clock-error'), { timeout: 10_000 }).toBe('Välj först ett datum att gå till.');
    await page.click('.nav[data-conv=C0STYRGRP]');
    await page.click('text=+1 vecka');
    await expect.poll(() => page.textContent('[data-testid=clock-today]'), { timeout: 10_000 }).toBe('2026-05-11');
    await page.fill('.clock input[type=date]', '2026-05-13');
    await page.click('text=Gå till');
    await expect.poll(() => page.textContent('[data-testid=clock-today]'), { timeout: 10_000 }).toBe('2026-05-13');
    // The reminder landed in another channel: that channel is marked unread, and opens at it.
    await expect.poll(() => page.locator('.nav[data-conv=C0SAMVERK] [data-testid=unread]').count(), { timeout: 10_000 }).toBe(1);
    await page.click('.nav[data-conv=C0SAMVERK]');
    const reminder = page.locator('.msg', { hasText: 'Påminnelse: Samverkansgruppen har möte' }).last();
    await reminder.waitFor();
    await page.locator('[data-testid=unread-divider]').waitFor();
    expect(await page.locator('.nav[data-conv=C0SAMVERK] [data-testid=unread]').count()).toBe(0);
    // Stamped with the bot's clock, not the day the demo started.
    expect(await reminder.locator('time').textContent()).toMatch(/^1[1-3] maj/);
    // Ephemeral replies do not outlive the jump in time.
    expect(await page.locator('.msg.ephemeral').count()).toBe(0);
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

  it('lets a person write in the channel and reply in a thread, and register the message as a decision', async () => {
    await page.click('.nav[data-conv=C0SAMVERK]');
    await runCommand('Ska vi ta fram en gemensam affisch till hösten? Jag kan skissa ett förslag.');
    const mine = page.locator('#log .msg', { hasText: 'Ska vi ta fram en gemensam affisch' });
    await mine.waitFor();
    expect(await mine.locator('.msg-head b').textContent()).toBe('Sara Ek');
    await mine.locator('.msg-menu summary').click();
    await mine.locator('[data-testid=reply-in-thread]').click();
    await page.fill('#thread-composer', 'Bra idé, jag tar med det till mötet.');
    await page.press('#thread-composer', 'Enter');
    await page.locator('.thread .msg', { hasText: 'Bra idé, jag tar med det till mötet.' }).waitFor();
    await expect.poll(() => mine.locator('.replies').textContent(), { timeout: 10_000 }).toBe('1 svar');
    const stored = local.workspace.fake.messages.find((m) => m.text === 'Bra idé, jag tar med det till mötet.');
    expect(stored?.thread_ts).toBe(await mine.getAttribute('data-ts'));
    await page.click('#thread-close');
    // The message shortcut works on what the person wrote; the card links back to it, in the workspace.
    await mine.locator('.msg-menu summary').click();
    await mine.locator('button[data-callback-id=register_decision]').click();
    const form = page.locator('.modal[data-callback-id=decision_form]');
    await form.waitFor();
    expect(await form.locator('[data-action-id=title]').inputValue()).toContain('gemensam affisch');
    if (!(await form.locator('[data-action-id=body]').inputValue())) await form.locator('[data-action-id=body]').fill('Vi tar fram en affisch.');
    await page.click('[data-testid=modal-submit]');
    await page.locator('.modal', { hasText: 'SAM 2026:' }).waitFor();
    await page.click('.modal-head button[title=Stäng]');
    const card = page.locator('.msg', { hasText: 'affisch' }).filter({ has: page.locator('a', { hasText: 'Diskussionen' }) }).last();
    await card.waitFor();
    const before = page.url();
    const tabs = page.context().pages().length;
    await card.locator('a', { hasText: 'Diskussionen' }).click();
    await page.locator('#log .msg.highlight', { hasText: 'Ska vi ta fram en gemensam affisch' }).waitFor();
    expect(page.url()).toBe(before);
    expect(page.context().pages()).toHaveLength(tabs);
  });

  it('shows that new messages came while the person was reading further up', async () => {
    await page.click('.nav[data-conv=C0SAMVERK]');
    await page.locator('#log').evaluate((l) => { l.scrollTop = 0; l.dispatchEvent(new Event('scroll')); });
    // Someone else writes meanwhile (Jonas, in his own browser).
    await local.workspace.say('U0JONAS', 'C0SAMVERK', 'Jag har bokat lokalen till mötet.');
    const jump = page.locator('[data-testid=jump]');
    await expect.poll(() => jump.count(), { timeout: 10_000 }).toBe(1);
    expect(await jump.textContent()).toBe('1 nytt meddelande ↓');
    await jump.click();
    await expect.poll(() => page.locator('.msg', { hasText: 'Jag har bokat lokalen' }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('[data-testid=jump]').count()).toBe(0);
  });

  it('opens uploaded files from the fake Slack', async () => {
    await runCommand('/beslut export samverkansgrupp 2026');
    const links = page.locator('.msg a[data-testid=file-link]');
    await expect.poll(() => links.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const named = (ext: string) => hrefs.find((h) => local.workspace.fake.files.find((f) => h.endsWith(`/files/${f.id}`))?.filename.endsWith(ext));
    const res = await fetch(named('.csv')!);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Öppet hus på jouren i maj');
    // The Markdown export opens as UTF-8 in a browser: "Öppet", not "Ã–ppet".
    const md = await page.context().newPage();
    const opened = await md.goto(named('.md')!);
    expect(opened!.headers()['content-type']).toBe('text/markdown; charset=utf-8');
    expect(await md.textContent('body')).toContain('Öppet hus på jouren i maj');
    await md.close();
  });

  it('shows the App Home tab', async () => {
    await page.click('.nav[data-conv=home]');
    await expect.poll(() => page.locator('.home .blocks').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.home .unsupported').count()).toBe(0);
  });

  it('has labelled fields and no serious accessibility faults in the channel or in a form', async () => {
    await page.click('.nav[data-conv=C0SAMVERK]');
    expect(await axeViolations()).toEqual([]);
    // A keyboard user sees where they are, also on the dark sidebar.
    await page.focus('#who');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const st = getComputedStyle(el);
      return { nav: el.classList.contains('nav'), style: st.outlineStyle, width: parseFloat(st.outlineWidth) };
    });
    expect(ring).toEqual({ nav: true, style: 'solid', width: 3 });
    await page.focus('#composer');
    await runCommand('/beslut');
    const dialog = page.locator('.modal[data-callback-id=decision_form]');
    await dialog.waitFor();
    expect(await dialog.getAttribute('role')).toBe('dialog');
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await page.locator(`#${await dialog.getAttribute('aria-labelledby')}`).textContent()).not.toBe('');
    // Focus is in the form, and Tab keeps it there.
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement)), { timeout: 10_000 }).toBe(true);
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    expect(await axeViolations()).toEqual([]);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/local-workspace-form.png' });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.modal').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('composer');
  });

  it('is usable on a phone, 390 pixels wide', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('.nav[data-conv=C0SAMVERK]');
    const text = page.locator('.msg', { hasText: 'Jag har bokat lokalen' }).locator('.b-text');
    await text.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = (await text.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.width).toBeGreaterThan(200);
    expect(await text.isVisible()).toBe(true);
    const composer = (await page.locator('#composer').boundingBox())!;
    expect(composer.y + composer.height).toBeLessThanOrEqual(844);
    // The newest message is on screen, above the composer, not somewhere below it.
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(composer.y);
    expect(await axeViolations()).toEqual([]);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/local-workspace-390.png' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('looks like a workspace, not a blank page', async () => {
    await page.click('.nav[data-conv=C0STYRGRP]');
    const png = await page.screenshot({ type: 'png', path: 'test-results/local-workspace.png' });
    expect(png.length).toBeGreaterThan(20_000);
    expect(distinctColours(png)).toBeGreaterThan(200);
  });
});
