// Slack mrkdwn → HTML: *bold*, _italic_, ~strike~, `code`, ```blocks```, <links|text>, <@user>,
// <#channel>, :emoji:, line breaks. Input arrives with Slack's own escaping (&amp; &lt; &gt;).

const EMOJI = {
  white_check_mark: '✅', heavy_check_mark: '✔️', x: '❌', warning: '⚠️', bell: '🔔', calendar: '📅', spiral_calendar_pad: '🗓️',
  memo: '📝', bar_chart: '📊', chart_with_upwards_trend: '📈', page_facing_up: '📄', pushpin: '📌', clipboard: '📋', rotating_light: '🚨',
  hourglass: '⌛', hourglass_flowing_sand: '⏳', arrows_counterclockwise: '🔄', raised_hand: '✋', tada: '🎉', information_source: 'ℹ️',
  lock: '🔒', scales: '⚖️', busts_in_silhouette: '👥', bust_in_silhouette: '👤', house: '🏠', inbox_tray: '📥', outbox_tray: '📤',
  large_green_circle: '🟢', white_circle: '⚪', no_entry_sign: '🚫', leftwards_arrow_with_hook: '↩️', arrow_right: '➡️', large_yellow_circle: '🟡', red_circle: '🔴', alarm_clock: '⏰', repeat: '🔁', point_right: '👉', wave: '👋',
};

export function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function special(token, names) {
  const [target, label] = token.split('|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="mention">@${escapeHtml(names.users[id] ?? label ?? id)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `<span class="mention">#${escapeHtml(names.channels[id] ?? label ?? id)}</span>`;
  }
  if (target.startsWith('!date')) return escapeHtml(decode(label ?? ''));
  if (target.startsWith('!')) return `<span class="mention">@${escapeHtml(target.slice(1).split('^')[0])}</span>`;
  const url = decode(target);
  const safe = /^(https?:|mailto:)/i.test(url) ? url : '#';
  return `<a href="${escapeHtml(safe)}" target="_blank" rel="noopener">${escapeHtml(decode(label ?? target))}</a>`;
}

/** Renders mrkdwn as HTML; `names` maps user and channel ids to what the page shows. */
export function mrkdwn(text, names = { users: {}, channels: {} }) {
  const held = [];
  const hold = (html) => `\u0000${held.push(html) - 1}\u0000`;
  let s = String(text ?? '');
  s = s.replace(/```([\s\S]*?)```/g, (_, code) => hold(`<pre class="code">${escapeHtml(decode(code.replace(/^\n/, '')))}</pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_, code) => hold(`<code>${escapeHtml(decode(code))}</code>`));
  s = s.replace(/<([^<>\n]+)>/g, (_, token) => hold(special(token, names)));
  s = escapeHtml(decode(s));
  const edge = '(^|[\\s(\\[{"\'.,;:!?\\u0000-])';
  s = s.replace(new RegExp(`${edge}\\*([^*\\n]+)\\*(?=$|[^\\w*])`, 'g'), '$1<b>$2</b>');
  s = s.replace(new RegExp(`${edge}_([^_\\n]+)_(?=$|[^\\w_])`, 'g'), '$1<i>$2</i>');
  s = s.replace(new RegExp(`${edge}~([^~\\n]+)~(?=$|[^\\w~])`, 'g'), '$1<s>$2</s>');
  s = s.replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] ?? m);
  s = s.replace(/^&gt; ?(.*)$/gm, '<span class="quote">$1</span>');
  s = s.replace(/\n/g, '<br>');
  return s.replace(/\u0000(\d+)\u0000/g, (_, i) => held[Number(i)]);
}

/** plain_text or mrkdwn text object → HTML. */
export function textObject(t, names) {
  if (!t) return '';
  if (t.type === 'mrkdwn') return mrkdwn(t.text, names);
  return escapeHtml(t.text ?? '').replace(/:([a-z0-9_+-]+):/g, (m, name) => (t.emoji !== false && EMOJI[name]) || m).replace(/\n/g, '<br>');
}
