import type { MemberView, PartnershipOverview } from '../../domain/partnership/directory.ts';
import type { Chair } from '../../domain/rotation/chair.ts';
import { formatList, t, type Locale } from '../../i18n/index.ts';
import { context, divider, escapeMrkdwn, header, section, type RenderedMessage } from './kit.ts';

/** `rotating`: groups whose chair rotates, where the file's chair role gives no rights and is not shown. */
export function roleList(locale: Locale, m: MemberView, rotating: ReadonlySet<string> = new Set()): string {
  const roles = m.roles.filter((r) => !(r.role === 'CHAIR' && r.groupId && rotating.has(r.groupId)));
  if (roles.length === 0) return t(locale, 'core.roles.none');
  return formatList(
    locale,
    roles.map((r) => t(locale, `core.role.${r.role}`, { group: r.groupName ?? r.groupKey })),
  );
}

function chairLine(locale: Locale, c: Chair): string | undefined {
  const people = formatList(locale, c.members.map((m) => `<@${m.chatUserId}>`));
  const group = escapeMrkdwn(c.group.name);
  if (c.party) return t(locale, c.members.length ? 'core.status.chairRotating' : 'core.status.chairRotatingNoOne', { group, party: escapeMrkdwn(c.party.name), people });
  return c.members.length ? t(locale, 'core.status.chairFixed', { group, people }) : undefined;
}

export function helpMessage(locale: Locale, partnership: string, featureHelp: string[]): RenderedMessage {
  const intro = t(locale, 'core.help.intro', { partnership: escapeMrkdwn(partnership) });
  return {
    text: `${t(locale, 'core.help.title')}\n${intro}`,
    blocks: [
      header(t(locale, 'core.help.title')),
      section(intro),
      divider(),
      section(`*${t(locale, 'core.help.commands')}*\n${t(locale, 'core.help.samverkan')}`),
      ...featureHelp.map((h) => section(h)),
    ],
  };
}

export function statusMessage(locale: Locale, o: PartnershipOverview, me: MemberView | undefined, chairs: Chair[] = []): RenderedMessage {
  const rotating = new Set(chairs.filter((c) => c.party).map((c) => c.group.id));
  const you = me
    ? t(locale, 'core.status.you', { name: escapeMrkdwn(me.name), party: escapeMrkdwn(me.partyName), roles: roleList(locale, me, rotating) })
    : t(locale, 'core.status.notMember');
  const parties = o.parties.filter((p) => p.active);
  const lines = [
    t(locale, 'core.status.parties', { count: parties.length, names: escapeMrkdwn(formatList(locale, parties.map((p) => p.name))) }),
    t(locale, 'core.status.groups', {
      groups: o.groups.map((g) => t(locale, 'core.status.group', { name: escapeMrkdwn(g.name), channel: g.channelId, members: g.memberCount })).join(', '),
    }),
  ];
  for (const c of chairs) {
    const line = chairLine(locale, c);
    if (line) lines.push(line);
  }
  if (o.municipalities.length > 0) {
    lines.push(t(locale, 'core.status.municipalities', { count: o.municipalities.length, names: escapeMrkdwn(formatList(locale, o.municipalities.map((m) => m.name))) }));
  }
  const title = t(locale, 'core.status.title', { partnership: o.name });
  return { text: `${title}\n${you}`, blocks: [header(title), section(you), section(lines.join('\n'))] };
}

export function adminShowMessage(locale: Locale, o: PartnershipOverview): RenderedMessage {
  const blocks = [header(t(locale, 'core.admin.show.title', { partnership: o.name }))];
  for (const p of o.parties) {
    const memberLines = p.members.length
      ? p.members.map((m) =>
          t(locale, 'core.admin.show.member', {
            name: escapeMrkdwn(m.name),
            user: m.chatUserId,
            roles: m.roles.length ? ` – ${roleList(locale, m)}` : '',
            inactive: m.active ? '' : t(locale, 'core.admin.show.inactive'),
          }),
        )
      : [t(locale, 'core.admin.show.noMembers')];
    blocks.push(
      section(
        `${t(locale, 'core.admin.show.party', {
          party: escapeMrkdwn(p.name),
          org: p.orgNumber ? ` (${p.orgNumber})` : '',
          sector: t(locale, `core.sector.${p.sector}`),
        })}${p.active ? '' : t(locale, 'core.admin.show.inactive')}\n${memberLines.join('\n')}`,
      ),
    );
  }
  // Slack allows 50 blocks in a message; a very large partnership is cut with a note.
  const limited = blocks.length > 49 ? [...blocks.slice(0, 48), context('…')] : blocks;
  return { text: t(locale, 'core.admin.show.title', { partnership: o.name }), blocks: limited };
}

/** The member's calendar addresses, to paste into Outlook or Google Calendar. */
export function calendarMessage(locale: Locale, links: Array<{ scope: string; groupName?: string; url: string }>, renewed: boolean): RenderedMessage {
  const lines = links.map((l) => (l.groupName === undefined ? t(locale, 'calendar.links.personal', { url: l.url }) : t(locale, 'calendar.links.group', { group: escapeMrkdwn(l.groupName), url: l.url })));
  const intro = renewed ? `${t(locale, 'calendar.renewed')}\n${t(locale, 'calendar.links.intro')}` : t(locale, 'calendar.links.intro');
  return {
    text: `${t(locale, 'calendar.links.title')}\n${lines.join('\n')}`,
    blocks: [header(t(locale, 'calendar.links.title')), section(intro), ...lines.map((l) => section(l)), context(t(locale, 'calendar.links.secret'))],
  };
}
