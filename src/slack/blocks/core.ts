import type { MemberView, PartnershipOverview } from '../../domain/partnership/directory.ts';
import { formatList, t, type Locale } from '../../i18n/index.ts';
import { context, divider, escapeMrkdwn, header, section, type RenderedMessage } from './kit.ts';

export function roleList(locale: Locale, m: MemberView): string {
  if (m.roles.length === 0) return t(locale, 'core.roles.none');
  return formatList(
    locale,
    m.roles.map((r) => t(locale, `core.role.${r.role}`, { group: r.groupName ?? r.groupKey })),
  );
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

export function statusMessage(locale: Locale, o: PartnershipOverview, me: MemberView | undefined): RenderedMessage {
  const you = me
    ? t(locale, 'core.status.you', { name: escapeMrkdwn(me.name), party: escapeMrkdwn(me.partyName), roles: roleList(locale, me) })
    : t(locale, 'core.status.notMember');
  const parties = o.parties.filter((p) => p.active);
  const lines = [
    t(locale, 'core.status.parties', { count: parties.length, names: escapeMrkdwn(formatList(locale, parties.map((p) => p.name))) }),
    t(locale, 'core.status.groups', {
      groups: o.groups.map((g) => t(locale, 'core.status.group', { name: escapeMrkdwn(g.name), channel: g.channelId, members: g.memberCount })).join(', '),
    }),
  ];
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
