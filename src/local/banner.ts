import type { Running } from '../runtime.ts';
import type { FakeSlack } from '../slack/fake/server.ts';

/** What local mode prints on start: how to talk to the bot without Slack. */
export function localModeBanner(r: Running, fake: FakeSlack): string {
  const members = r.partnership?.members ?? [];
  const groups = r.partnership?.groups ?? [];
  const u = members[0];
  const c = groups[0];
  return [
    '',
    '  Samverkan – LOCAL MODE (no Slack tokens set; nothing leaves this machine)',
    `  Partnership: ${r.partnership?.partnership.name ?? '(none)'}`,
    `  Open the local workspace in your browser:  ${r.url}/`,
    '',
    `  Bot endpoint:   ${r.url}/slack/events   Fake Slack Web API: ${fake.apiUrl}`,
    `  Health:         curl ${r.url}/healthz`,
    '',
    '  Run a command as a member of the partnership:',
    `    curl -s ${r.url}/local/command -d user=${u?.user ?? 'U0…'} -d channel=${c?.channel ?? 'C0…'} --data-urlencode 'command=/samverkan status'`,
    '',
    `  Members: ${members.map((m) => `${m.user} (${m.name})`).join(', ')}`,
    `  Channels: ${groups.map((g) => `${g.channel} (${g.name})`).join(', ')}`,
    '',
  ].join('\n');
}
