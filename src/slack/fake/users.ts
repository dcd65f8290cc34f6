/** auth.test and users.* methods. */
import { methods, paginate, type FakeState, type Handler } from './state.ts';
import { ApiError, str, type FakeUser } from './types.ts';

/** Seconds east of UTC for an IANA zone right now, e.g. 3600 for Europe/Stockholm in winter. */
function tzOffset(tz: string): number | undefined {
  try {
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
    const name = fmt.formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    if (!m) return 0;
    return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60);
  } catch {
    return undefined;
  }
}

export function userJson(s: FakeState, u: FakeUser): Record<string, unknown> {
  return {
    id: u.id, team_id: s.teamId, name: u.name, real_name: u.real_name ?? u.name, deleted: false,
    is_bot: u.is_bot ?? false, is_app_user: false, tz: u.tz, tz_offset: u.tz ? tzOffset(u.tz) : undefined,
    locale: u.locale, profile: { real_name: u.real_name ?? u.name, display_name: u.name, email: u.email, team: s.teamId },
  };
}

const authTest: Handler = (s) => ({
  url: `${s.baseUrl}/`, team: 'Samverkan', user: s.users.get(s.botUserId)?.name ?? 'samverkan',
  team_id: s.teamId, user_id: s.botUserId, bot_id: s.botId, is_enterprise_install: false,
});

const info: Handler = (s, args) => {
  const u = s.users.get(str(args.user) ?? '');
  if (!u) throw new ApiError('user_not_found');
  return { user: userJson(s, u) };
};

const list: Handler = (s, args) => {
  const { page, response_metadata } = paginate([...s.users.values()], args);
  return { members: page.map((u) => userJson(s, u)), response_metadata };
};

const lookupByEmail: Handler = (s, args) => {
  const email = str(args.email)?.toLowerCase();
  const u = [...s.users.values()].find((x) => email !== undefined && x.email?.toLowerCase() === email);
  if (!u) throw new ApiError('users_not_found');
  return { user: userJson(s, u) };
};

export const userMethods = { ...methods('auth', { test: authTest }), ...methods('users', { info, list, lookupByEmail }) };
