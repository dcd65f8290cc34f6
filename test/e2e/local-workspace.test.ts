import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
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
  local = await startLocal({ config, db, scheduler: false, logger: createLogger(config.logLevel, 'local-test') });
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
    await expect.poll(() => page.textContent('[data-testid=local-badge]')).toBe('LOKALT LÄGE');
    await page.selectOption('#who', 'U0JONAS');
    await expect.poll(() => page.textContent('.who small')).toContain('coordinator');
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
    await expect.poll(() => page.locator('.msg.ephemeral', { hasText: 'Jonas Berg' }).count()).toBe(0);
    await page.selectOption('#who', 'U0JONAS');
    await page.locator('.msg.ephemeral', { hasText: 'Jonas Berg' }).waitFor();
  });

  it('refuses a command the bot does not have, with the list of its commands', async () => {
    await runCommand('/flyga högt');
    await expect.poll(() => page.textContent('.composer-error')).toContain('/samverkan');
  });

  it('moves the bot clock forward, never back', async () => {
    const before = await page.textContent('[data-testid=clock-today]');
    await page.click('text=+1 vecka');
    await expect.poll(() => page.textContent('[data-testid=clock-today]')).not.toBe(before);
    expect(local.clock.offset).toBe(7 * 86_400_000);
    await page.fill('.clock input[type=date]', '2020-01-01');
    await page.click('text=Gå till');
    await expect.poll(() => page.textContent('.clock-error')).toContain('Time only moves forward');
    expect(local.clock.offset).toBe(7 * 86_400_000);
  });

  it('looks like a workspace, not a blank page', async () => {
    const png = await page.screenshot({ type: 'png' });
    expect(png.length).toBeGreaterThan(20_000);
    expect(distinctColours(png)).toBeGreaterThan(200);
  });
});
