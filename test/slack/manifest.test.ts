import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { App } from '@slack/bolt';
import { coreFeature, features } from '../../src/slack/features.ts';
import type { SlackDeps } from '../../src/slack/support.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const root = path.resolve(import.meta.dirname, '../..');
const manifest = parse(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8'));

/** Registers every feature on a recording stand-in for Bolt's App: what the code really registers. */
function registered() {
  const rec = { commands: new Set<string>(), shortcuts: new Set<string>(), events: new Set<string>(), interactive: 0 };
  const id = (c: any) => (typeof c === 'string' ? c : c instanceof RegExp ? String(c) : (c.callback_id ?? c.action_id ?? JSON.stringify(c)));
  const app = {
    command: (name: any) => rec.commands.add(id(name)),
    shortcut: (c: any) => rec.shortcuts.add(id(c)),
    event: (name: any) => rec.events.add(id(name)),
    action: () => rec.interactive++,
    view: () => rec.interactive++,
    options: () => rec.interactive++,
    message: () => rec.events.add('message'),
    use: () => {},
    error: () => {},
  } as unknown as App;
  const deps = {} as SlackDeps;
  for (const f of [...features, coreFeature(features)]) f.register(app, deps);
  return rec;
}

/** Web API methods the bot calls (outside the fake Slack itself) and the bot scopes they need. */
const SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'], 'chat.update': ['chat:write'], 'chat.delete': ['chat:write'], 'chat.postEphemeral': ['chat:write'],
  'chat.scheduleMessage': ['chat:write'], 'chat.getPermalink': [],
  'views.open': [], 'views.update': [], 'views.push': [], 'views.publish': [],
  'users.info': ['users:read'], 'users.list': ['users:read'], 'users.lookupByEmail': ['users:read.email'],
  'conversations.info': ['channels:read', 'groups:read'], 'conversations.members': ['channels:read', 'groups:read'],
  'conversations.list': ['channels:read', 'groups:read'], 'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history'], 'conversations.join': ['channels:join'], 'conversations.open': ['im:write'],
  filesUploadV2: ['files:write'], 'files.getUploadURLExternal': ['files:write'], 'files.completeUploadExternal': ['files:write'],
  'auth.test': [],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return ['generated', 'fake', 'local'].includes(e.name) ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

function calledMethods(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bclient\.(chat|views|users|conversations|files|reactions|team|auth)\.(\w+)\s*\(/g)) found.add(`${m[1]}.${m[2]}`);
    if (/\bclient\.filesUploadV2\s*\(/.test(text)) found.add('filesUploadV2');
  }
  return found;
}

describe('manifest.yml', () => {
  const rec = registered();

  it('lists exactly the slash commands the code registers', () => {
    const listed = (manifest.features?.slash_commands ?? []).map((c: any) => c.command).sort();
    expect(listed).toEqual([...rec.commands].sort());
    for (const c of manifest.features?.slash_commands ?? []) {
      expect(c.url, c.command).toMatch(/\/slack\/events$/);
      expect(c.should_escape, `${c.command} must escape mentions so <@U…> ids reach the bot`).toBe(true);
      expect(String(c.description ?? '').length, c.command).toBeGreaterThan(0);
    }
  });

  it('lists exactly the shortcuts the code registers', () => {
    const listed = (manifest.features?.shortcuts ?? []).map((s: any) => s.callback_id).sort();
    expect(listed).toEqual([...rec.shortcuts].sort());
  });

  it('subscribes to exactly the events the code listens to', () => {
    const listed = [...(manifest.settings?.event_subscriptions?.bot_events ?? [])].sort();
    expect(listed).toEqual([...rec.events].sort());
    expect(manifest.features?.app_home?.home_tab_enabled ?? false).toBe(rec.events.has('app_home_opened'));
  });

  it('enables interactivity when the code has buttons, modals or shortcuts', () => {
    const needs = rec.interactive > 0 || rec.shortcuts.size > 0;
    expect(manifest.settings?.interactivity?.is_enabled ?? false).toBe(needs);
  });

  it('asks for exactly the bot scopes the code needs', () => {
    const methods = calledMethods();
    const unknown = [...methods].filter((m) => !(m in SCOPES));
    expect(unknown, 'add these Web API methods to SCOPES in this test').toEqual([]);
    const needed = new Set([...methods].flatMap((m) => SCOPES[m]!));
    // The outbox posts to group channels and as DMs to members.
    needed.add('chat:write');
    if (rec.commands.size > 0 || rec.shortcuts.size > 0) needed.add('commands');
    expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual([...needed].sort());
  });
});
