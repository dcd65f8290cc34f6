import type { FakeMessage } from '../slack/fake/server.ts';
import { localDate } from '../domain/dates.ts';
import { t } from '../i18n/index.ts';
import type { LocalWorkspace } from './workspace.ts';

/** Everything the page draws for one person, in one JSON document. */
export function snapshot(ws: LocalWorkspace, user: string) {
  const { fake, bot } = ws;
  const partnership = bot.partnership;
  const locale = ws.localeOf(user);
  const groupName = new Map((partnership?.groups ?? []).map((g) => [g.key, g.name]));
  // Roles as people read them, in the viewer's language ("ordförande i Styrgruppen"), not file keys.
  const roleName = (r: (typeof partnership & {})['members'][number]['roles'][number]): string => {
    if (typeof r === 'string') return t(locale, r === 'admin' ? 'core.role.ADMIN' : 'core.role.COORDINATOR');
    if ('chair' in r) return t(locale, 'core.role.CHAIR', { group: groupName.get(r.chair) ?? r.chair });
    return t(locale, 'core.role.REPRESENTATIVE', { group: groupName.get(r.representative) ?? r.representative });
  };
  const parties = new Map((partnership?.parties ?? []).map((p) => [p.key, p.short_name ?? p.name]));
  const members = (partnership?.members ?? []).map((m) => ({
    id: m.user,
    name: m.name,
    party: parties.get(m.party) ?? m.party,
    locale: m.locale ?? bot.config.locale,
    roles: m.roles.map(roleName),
  }));
  const groups = (partnership?.groups ?? []).map((g) => ({ id: g.channel, key: g.key, name: g.name, kind: g.kind }));
  const dm = `dm:${user}`;
  const conversation = (m: FakeMessage) => {
    const c = fake.channels.get(m.channel);
    if (c?.is_im) return `dm:${c.user}`;
    if (/^[UW][A-Z0-9]+$/.test(m.channel)) return `dm:${m.channel}`;
    return m.channel;
  };
  const fileInfo = (id: string) => {
    const f = fake.files.find((x) => x.id === id);
    return f ? { id, name: f.filename, title: f.title ?? f.filename, mimetype: f.mimetype ?? '', size: f.content.length, url: `${fake.baseUrl}/files/${id}` } : { id, name: id, title: id, mimetype: '', size: 0, url: '' };
  };
  const messages = fake.messages
    .filter((m) => (m.ephemeral_to === undefined || m.ephemeral_to === user) && (!conversation(m).startsWith('dm:') || conversation(m) === dm))
    .map((m) => ({
      conversation: conversation(m),
      channel: m.channel,
      ts: m.ts,
      thread_ts: m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : undefined,
      reply_count: m.reply_count ?? 0,
      user: m.user,
      bot: m.bot_id !== undefined,
      text: m.text ?? '',
      blocks: m.blocks ?? null,
      ephemeral: m.ephemeral_to !== undefined,
      edited: !!m.edited,
      files: (m.files ?? []).map(fileInfo),
    }));
  const home = [...fake.views.values()].find((v) => v.kind === 'home' && v.user === user);
  const modal = ws.topModal(user);
  const users: Record<string, string> = {};
  for (const u of fake.users.values()) users[u.id] = u.real_name ?? u.name;
  const channels: Record<string, string> = {};
  for (const c of fake.channels.values()) if (!c.is_im) channels[c.id] = c.name;
  const now = bot.ctx.clock.now();
  return {
    mode: 'local' as const,
    /** Links under this address are the fake Slack's permalinks: the page opens them itself. */
    slackUrl: fake.baseUrl,
    partnership: partnership?.partnership.name ?? 'Samverkan',
    botLocale: bot.config.locale,
    me: user,
    members,
    groups,
    users,
    channels,
    messages,
    home: home ? { id: home.id, view: home.view } : null,
    modal: modal ? { id: modal.id, view: modal.view, canGoBack: !!modal.view.previous_view_id } : null,
    commands: ws.manifest.commands,
    shortcuts: ws.manifest.shortcuts,
    clock: { now: now.toISOString(), today: localDate(now, bot.ctx.timezone), offsetDays: Math.round(ws.clock.offset / 86_400_000), timezone: bot.ctx.timezone },
  };
}
