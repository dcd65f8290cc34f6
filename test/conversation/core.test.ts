import { describe, expect, it } from 'vitest';
import { actionLostCard, adminShowCard, calendarCard, helpCard, messageCard, statusCard } from '../../src/conversation/core/cards.ts';
import { homeCard, homeFailedCard } from '../../src/conversation/decisions/home.ts';
import type { MemberView, PartnershipOverview } from '../../src/domain/partnership/directory.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import { mrkdwn, renderCard, renderHomeView } from '../../src/slack/render/index.ts';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const env = { locale: 'sv' as const, timezone: 'Europe/Stockholm' };
// Names with every character Slack treats specially: they must stay text.
const odd = (i: number) => `Vem & <@U1> *står* för <#C1> ${i}`;
const member = (i: number, p: number): MemberView => ({
  id: `m${p}-${i}`, chatUserId: `U${p}X${i}`, name: odd(i), partyId: `p${p}`, partyKey: `p${p}`, partyName: odd(p), locale: null, localeChosen: false, active: i % 3 !== 0,
  roles: [{ role: 'REPRESENTATIVE', groupId: 'g1', groupKey: 'sam', groupName: 'Samverkansgruppen' } as any, { role: 'CHAIR', groupId: 'g2', groupKey: 'sty', groupName: 'Styrgruppen' } as any],
});
const overview = (parties: number, members: number): PartnershipOverview => ({
  id: 'x', key: 'x', name: odd(0), settings: {},
  parties: Array.from({ length: parties }, (_, p) => ({ id: `p${p}`, key: `p${p}`, name: odd(p), orgNumber: '802000-0000', sector: p % 2 ? 'PUBLIC' : 'NONPROFIT', active: p !== 1, members: Array.from({ length: members }, (_x, i) => member(i, p)) })) as any,
  groups: [{ id: 'g1', key: 'sam', kind: 'COLLABORATION', name: 'Samverkansgruppen', shortCode: 'SAM', channelId: 'C0SAM', parties: [], meetings: {}, rotation: {}, memberCount: 1 } as any,
    { id: 'g2', key: 'sty', kind: 'STEERING', name: 'Styrgruppen', shortCode: 'STY', channelId: 'C0STY', parties: [], meetings: {}, rotation: {}, memberCount: 7 } as any],
  municipalities: [{ id: 'k', key: 'k', name: 'Östersund' }],
});
const line = (n: number) => ({ id: `d${n}`, reference: `SAM 2026:${n}`, title: odd(n), status: 'ADOPTED', groupKind: 'COLLABORATION', responsibleName: null, supersedes: null, supersededBy: null, awaiting: [], recordedBy: null, decidedOn: '2026-03-01', createdAt: new Date('2026-03-01T10:00:00Z'), adoptedAt: new Date('2026-03-01T10:00:00Z') }) as any;

describe('the core cards', () => {
  it('says who the member is, with their roles, and who chairs each steering group', () => {
    const o = overview(3, 2);
    const me = member(1, 0);
    const chairs = [{ group: o.groups[1]!, party: { id: 'p0', name: odd(0) }, members: [me] }] as any;
    const s = renderCard(statusCard('sv', o, me, chairs), env);
    const all = s.blocks.map((b: any) => b.text?.text ?? '').join('\n');
    expect(s.blocks[0]).toMatchObject({ type: 'header' });
    // The file's chair role is not shown where the chair rotates; the rotating chair is.
    expect(all).toContain('Roller: representant i Samverkansgruppen.');
    expect(all).toContain('*Ordförande i Styrgruppen* just nu:');
    expect(all).toContain('genom <@U0X1>');
    expect(all).toContain('Samverkansgruppen (<#C0SAM>, 1 ledamot)');
    expect(all).toContain('Styrgruppen (<#C0STY>, 7 ledamöter)');
    // What people typed stays text: no mention, channel link or bold of its own.
    expect(all).toContain('Vem &amp; &lt;@U1&gt; *står* för &lt;#C1&gt; 1');
    expect(s.text).toContain('Du: *Vem &amp; &lt;@U1&gt;');
  });

  it('lists every party and member for an admin, marking the inactive ones', () => {
    const s = renderCard(adminShowCard('en', overview(2, 3)), { ...env, locale: 'en' });
    const all = s.blocks.map((b: any) => b.text?.text ?? '').join('\n');
    expect(all).toContain('• Vem &amp; &lt;@U1&gt; *står* för &lt;#C1&gt; 0 (<@U0X0>) – representative in Samverkansgruppen and chair of Styrgruppen – _inactive_');
    expect(all).toMatch(/\*Vem &amp; &lt;@U1&gt; \*står\* för &lt;#C1&gt; 1\* \(802000-0000\) – public sector – _inactive_/);
  });

  it('gives the calendar addresses with the advice to keep them secret, and says when they were renewed', () => {
    const c = renderCard(calendarCard('sv', [{ scope: 'personal', url: 'https://x.se/kalender/a.ics' }, { scope: 'group', groupName: 'Styrgruppen', url: 'https://x.se/kalender/b.ics' }], true), env);
    const all = JSON.stringify(c.blocks);
    expect(all).toContain('Du har fått nya kalenderadresser');
    expect(all).toContain('*Styrgruppen*:\\nhttps://x.se/kalender/b.ics');
    expect(c.blocks.at(-1)).toMatchObject({ type: 'context' });
  });

  it('tells the actor of an action a crash cut off, with its day and time', () => {
    const text = mrkdwn((actionLostCard({ kind: 'command', label: '/beslut `x`', at: '2026-03-10T09:05:00Z' }, 'sv').body[0] as any).text, env);
    expect(text).toBe('Jag startade om medan jag arbetade med ditt kommando `/beslut x` (10 mars 2026 kl. 10:05), så det blev inte gjort och inget av det sparades. Skriv kommandot igen, tack.');
    expect(mrkdwn((messageCard({ key: 'core.admin.deactivated', params: { user: 'U5' } }, 'sv').body[0] as any).text, env)).toBe('<@U5> är inaktiverad. Historiken finns kvar.');
  });

  it('draws the App Home with the register button and each group\'s latest decisions', () => {
    const home = renderHomeView(homeCard('sv', { groups: [{ name: 'Samverkansgruppen', channelId: 'C0SAM', latest: [line(1)], proposals: [] }] }), env);
    expect(home.type).toBe('home');
    expect(home.blocks[1]).toMatchObject({ type: 'actions', block_id: 'decision_home', elements: [{ action_id: 'decision_home_register', style: 'primary' }] });
    expect(JSON.stringify(home.blocks)).toContain('*Senaste besluten i Samverkansgruppen* (<#C0SAM>)');
    expect(renderHomeView(homeFailedCard('sv', ['Något gick fel']), env).blocks.map((b: any) => b.type)).toEqual(['header', 'section']);
  });

  it('stays within Slack\'s limits for a partnership of any size, in both languages', () => {
    const o = overview(120, 40);
    const big = Array.from({ length: 60 }, (_, i) => line(i));
    for (const locale of LOCALES) {
      const e = { locale, timezone: 'UTC' };
      const me = member(1, 0);
      for (const card of [statusCard(locale, o, me), adminShowCard(locale, o), helpCard(locale, odd(0), [[odd(1)], [odd(2)]]), calendarCard(locale, Array.from({ length: 40 }, (_, i) => ({ scope: 'g', groupName: odd(i), url: `https://x.se/${'a'.repeat(300)}${i}.ics` })), false)]) {
        expect(blockKitProblems('message', renderCard(card, e))).toEqual([]);
      }
      const home = renderHomeView(homeCard(locale, { groups: Array.from({ length: 40 }, (_, i) => ({ name: odd(i), channelId: `C${i}`, latest: big, proposals: big })) }), e);
      expect(home.blocks.length).toBeLessThanOrEqual(100);
      expect(blockKitProblems('modal', { ...home, type: 'modal', title: { type: 'plain_text', text: 'x' } })).toEqual([]);
    }
  });
});
