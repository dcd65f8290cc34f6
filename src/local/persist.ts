import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalWorkspace } from './workspace.ts';

const FILE = 'local-workspace.json';

interface Saved {
  version: 1;
  clockOffsetMs: number;
  messages: any[];
  files: Array<{ id: string; filename: string; title?: string; mimetype?: string; channels: string[]; thread_ts?: string; content: string }>;
}

/**
 * The fake Slack lives in memory, the database on disk: without this, a restart would keep the
 * bot's history but show empty channels. Messages, files and the time-travel offset are written
 * to the data directory and read back on start, but only beside the database they belong to.
 */
export function persistWorkspace(ws: LocalWorkspace, dataDir: string, databaseIsNew: boolean): () => void {
  const file = path.join(dataDir, FILE);
  // With PostgreSQL nothing else creates the data directory.
  mkdirSync(dataDir, { recursive: true });
  if (!databaseIsNew && existsSync(file)) restore(ws, file);
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    timer = undefined;
    const { fake } = ws;
    const saved: Saved = {
      version: 1,
      clockOffsetMs: ws.clock.offset,
      messages: fake.messages,
      files: fake.files.map((f) => ({ ...f, content: f.content.toString('base64') })),
    };
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify(saved));
      renameSync(`${file}.tmp`, file);
    } catch (err) {
      // A full or read-only disk loses the workspace's channels on restart, never the bot.
      ws.bot.logger.warn(`LOCAL MODE: could not save the local workspace to ${file}: ${(err as Error).message}`);
    }
  };
  const off = ws.onChange(() => {
    timer ??= setTimeout(save, 500);
  });
  return () => {
    off();
    if (timer) {
      clearTimeout(timer);
      save();
    }
  };
}

function restore(ws: LocalWorkspace, file: string): void {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Saved;
    if (saved.version !== 1) return;
    // The fake numbers new files from 1 again: restored ones get their own prefix so ids never clash.
    const rename = (id: string) => (id.startsWith('FR') ? id : `FR${id}`);
    for (const f of saved.files) ws.fake.files.push({ ...f, id: rename(f.id), content: Buffer.from(f.content, 'base64') });
    for (const m of saved.messages) ws.fake.messages.push({ ...m, ...(m.files ? { files: m.files.map(rename) } : {}) });
    if (saved.clockOffsetMs > 0) ws.clock.advance(saved.clockOffsetMs);
    ws.bot.logger.info(`LOCAL MODE: restored ${saved.messages.length} message(s) of the local workspace from ${file}`);
  } catch (err) {
    ws.bot.logger.warn(`LOCAL MODE: could not read ${file}, starting with empty channels: ${(err as Error).message}`);
  }
}
