import type { MemberView, PartnershipOverview } from '../../domain/partnership/directory.ts';
import type { Chair } from '../../domain/rotation/chair.ts';
import type { ActionKind } from '../../domain/ack-journal.ts';
import { formatList, t, type Locale, type MessageKey, type Params } from '../../i18n/index.ts';
import { context, divider, text, type Card, type CardElement } from '../card.ts';
import { code, dateTime, flat, join, markup, mention, type Inline, type Markup } from '../markup.ts';

/** A member's roles in words; `rotating`: groups whose chair rotates, where the file's chair role gives no rights and is not shown. */
export function roleList(locale: Locale, m: MemberView, rotating: ReadonlySet<string> = new Set()): string {
  const roles = m.roles.filter((r) => !(r.role === 'CHAIR' && r.groupId && rotating.has(r.groupId)));
  if (roles.length === 0) return t(locale, 'core.roles.none');
  return formatList(locale, roles.map((r) => t(locale, `core.role.${r.role}`, { group: r.groupName ?? r.groupKey })));
}

/** Markup pieces as one list in words ("a, b och c"). */
function listOf(locale: Locale, parts: Markup[]): Markup {
  if (parts.length === 0) return [];
  const slots = parts.map((_, i) => `\uE010${i}\uE011`);
  return formatList(locale, slots)
    .split(/(\uE010\d+\uE011)/)
    .flatMap((s): Markup => {
      const m = /^\uE010(\d+)\uE011$/.exec(s);
      return m ? parts[Number(m[1])]! : s ? [s] : [];
    });
}

function chairLine(locale: Locale, c: Chair): Markup | undefined {
  const people = listOf(locale, c.members.map((m) => [mention(m.chatUserId)]));
  if (c.party) return markup(locale, c.members.length ? 'core.status.chairRotating' : 'core.status.chairRotatingNoOne', { group: c.group.name, party: c.party.name, people });
  return c.members.length ? markup(locale, 'core.status.chairFixed', { group: c.group.name, people }) : undefined;
}

/** `/samverkan hjälp`: the partnership, the core commands, then each feature's own lines. */
export function helpCard(locale: Locale, partnership: string, featureHelp: Markup[]): Card {
  const intro = markup(locale, 'core.help.intro', { partnership });
  return {
    heading: t(locale, 'core.help.title'),
    summary: flat([t(locale, 'core.help.title'), '\n', intro]),
    body: [text(intro), divider(), text(flat([{ strong: [t(locale, 'core.help.commands')] }, '\n', markup(locale, 'core.help.samverkan')])), ...featureHelp.map((h) => text(h))],
  };
}

/** `/samverkan status`: the partnership at a glance and the member's own roles. */
export function statusCard(locale: Locale, o: PartnershipOverview, me: MemberView | undefined, chairs: Chair[] = [], extra: CardElement[] = []): Card {
  const rotating = new Set(chairs.filter((c) => c.party).map((c) => c.group.id));
  const you = me ? markup(locale, 'core.status.you', { name: me.name, party: me.partyName, roles: roleList(locale, me, rotating) }) : markup(locale, 'core.status.notMember');
  const parties = o.parties.filter((p) => p.active);
  const groups = o.groups.map((g) => markup(locale, 'core.status.group', { name: g.name, channel: g.channelId, members: g.memberCount }));
  const lines: Markup[] = [
    markup(locale, 'core.status.parties', { count: parties.length, names: formatList(locale, parties.map((p) => p.name)) }),
    markup(locale, 'core.status.groups', { groups: join(', ', groups) }),
  ];
  for (const c of chairs) {
    const line = chairLine(locale, c);
    if (line) lines.push(line);
  }
  if (o.municipalities.length > 0) {
    lines.push(markup(locale, 'core.status.municipalities', { count: o.municipalities.length, names: formatList(locale, o.municipalities.map((m) => m.name)) }));
  }
  const title = t(locale, 'core.status.title', { partnership: o.name });
  return { heading: title, summary: flat([title, '\n', you]), body: [text(you), text(join('\n', lines)), ...extra] };
}

/** `/samverkan admin visa`: every party with its members and their roles. */
export function adminShowCard(locale: Locale, o: PartnershipOverview): Card {
  const body: CardElement[] = o.parties.map((p) => {
    const members: Markup[] = p.members.length
      ? p.members.map((m) =>
          markup(locale, 'core.admin.show.member', {
            name: m.name,
            user: m.chatUserId,
            roles: m.roles.length ? ` – ${roleList(locale, m)}` : '',
            inactive: m.active ? '' : markup(locale, 'core.admin.show.inactive'),
          }),
        )
      : [markup(locale, 'core.admin.show.noMembers')];
    const head = markup(locale, 'core.admin.show.party', { party: p.name, org: p.orgNumber ? ` (${p.orgNumber})` : '', sector: t(locale, `core.sector.${p.sector}`) });
    return text(flat([head, p.active ? [] : markup(locale, 'core.admin.show.inactive'), '\n', join('\n', members)]));
  });
  return { heading: t(locale, 'core.admin.show.title', { partnership: o.name }), body };
}

/** `/samverkan kalender`: the member's secret calendar addresses, to paste into Outlook or Google Calendar. */
export function calendarCard(locale: Locale, links: Array<{ scope: string; groupName?: string; url: string }>, renewed: boolean): Card {
  const lines = links.map((l) => (l.groupName === undefined ? markup(locale, 'calendar.links.personal', { url: l.url }) : markup(locale, 'calendar.links.group', { group: l.groupName, url: l.url })));
  const intro = renewed ? flat([markup(locale, 'calendar.renewed'), '\n', markup(locale, 'calendar.links.intro')]) : markup(locale, 'calendar.links.intro');
  return {
    heading: t(locale, 'calendar.links.title'),
    summary: flat([t(locale, 'calendar.links.title'), '\n', join('\n', lines)]),
    body: [text(intro), ...lines.map((l) => text(l)), context(markup(locale, 'calendar.links.secret'))],
  };
}

/** A plain message from the catalogue: data { key, params }. Any feature may queue it. */
export const messageCard = (data: { key: MessageKey; params?: Params }, locale: Locale): Card => ({ body: [text(markup(locale, data.key, data.params ?? {}))] });

/** An acknowledged action a crash cut off: its actor hears that it was not saved. */
export function actionLostCard(data: { kind: ActionKind; label: string; at: string }, locale: Locale): Card {
  const kind = (['command', 'click', 'form', 'shortcut'] as const).includes(data.kind) ? data.kind : 'click';
  const label: Inline | Markup = kind === 'command' ? code(data.label.replace(/`/g, '')) : data.label ? markup(locale, kind === 'form' ? 'core.actionLost.namedForm' : 'core.actionLost.named', { label: data.label }) : '';
  return { body: [text(markup(locale, `core.actionLost.${kind}`, { label, at: dateTime(data.at) }))] };
}

/** `/samverkan admin`: a member added or deactivated. */
export const memberAdded = (locale: Locale, user: string, party: string, roles: string): Markup => markup(locale, 'core.admin.added', { user, party, roles });
export const memberDeactivated = (locale: Locale, user: string): Markup => markup(locale, 'core.admin.deactivated', { user });
