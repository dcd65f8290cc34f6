// The local workspace page: who you are, channels, threads, App Home, modals, time travel.
// It keeps no state of its own beyond what it is looking at; the server snapshot is the truth.
import { h, renderBlocks } from './blocks.js';
import { translator } from './i18n.js';
import { focusInto, renderModal } from './modal.js';
import { mrkdwn } from './mrkdwn.js';

const view = { me: localStorage.getItem('samverkan.me'), conv: localStorage.getItem('samverkan.conv'), thread: null, focusTs: null, scrollTo: null };
let data = null;
/** conversation → the newest message the person has seen there (Slack's read marker). */
let seen = {};
let seenReady = false;
/** The conversation the log on screen shows (to tell a live update from a change of channel). */
let shownConv = null;
/** Where focus goes back to when a modal closes. */
let returnFocus = null;
let t = translator('sv');
let shownModal = '';

async function call(path, body) {
  const payload = JSON.stringify({ user: view.me, lang: document.documentElement.lang, ...body });
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload }).catch(() => {
    throw new Error(t('offline'));
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error ?? t('httpError', res.status));
  return json;
}

// One snapshot request at a time, and one more if something changed meanwhile: answers to
// overlapping requests could otherwise arrive out of order and show an older state last.
let loading = null;
let again = false;
function refresh() {
  if (loading) {
    again = true;
    return loading;
  }
  loading = load().catch(showError).finally(() => {
    loading = null;
    if (again) {
      again = false;
      refresh();
    }
  });
  return loading;
}

async function load() {
  const asked = view.me;
  const res = await fetch(`/local/state?user=${encodeURIComponent(asked ?? '')}&lang=${document.documentElement.lang}`).catch(() => {
    throw new Error(t('offline'));
  });
  if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error ?? t('httpError', res.status));
  const next = await res.json();
  if (view.me !== asked) {
    again = true; // someone else was picked meanwhile: this answer is about the wrong person
    return;
  }
  data = next;
  if (data.me !== view.me) setMe(data.me);
  const me = data.members.find((m) => m.id === view.me);
  t = translator(me?.locale ?? data.botLocale);
  document.documentElement.lang = me?.locale ?? data.botLocale;
  document.title = t('title');
  // On the first look everything there is counts as read: the history is not "new" to anybody.
  // Later, a conversation that was empty then has everything in it unread.
  if (!seenReady) {
    for (const conv of [...data.groups.map((g) => g.id), `dm:${view.me}`]) seen[conv] = '0';
    Object.assign(seen, latestByConv());
    seenReady = true;
  }
  if (!view.conv || (view.conv !== 'home' && view.conv !== `dm:${view.me}` && !data.groups.some((g) => g.id === view.conv))) view.conv = data.groups[0]?.id ?? 'home';
  render();
}

function setMe(id) {
  view.me = id;
  localStorage.setItem('samverkan.me', id);
  shownModal = '';
  seen = {};
  seenReady = false;
}

const newer = (a, b) => Number(a) > Number(b);

/** The newest message per conversation, counting thread replies in their conversation. */
function latestByConv() {
  const latest = {};
  for (const m of data.messages) if (!latest[m.conversation] || newer(m.ts, latest[m.conversation])) latest[m.conversation] = m.ts;
  return latest;
}

/** Top-level messages of `conv` newer than what the person has seen there (their own do not count). */
function unread(conv) {
  const mark = seen[conv];
  return data.messages.filter((m) => m.conversation === conv && !m.thread_ts && m.user !== view.me && mark !== undefined && newer(m.ts, mark));
}

function markRead(conv) {
  const latest = latestByConv()[conv];
  if (latest && (!seen[conv] || newer(latest, seen[conv]))) seen[conv] = latest;
}

/** Opens a message in the workspace, as a Slack permalink does: its conversation, its thread, itself. */
function openMessage(channel, ts, threadTs) {
  const m = data.messages.find((x) => x.ts === ts && x.channel === channel) ?? data.messages.find((x) => x.ts === ts);
  if (!m) return showError(new Error(t('messageGone')));
  view.conv = m.conversation;
  localStorage.setItem('samverkan.conv', view.conv);
  view.thread = m.thread_ts ?? threadTs ?? (m.reply_count ? m.ts : null);
  view.focusTs = m.ts;
  view.scrollTo = m.ts;
  render();
  document.querySelector(`.msg[data-ts="${CSS.escape(m.ts)}"]`)?.focus({ preventScroll: true });
}

// Links to messages (permalinks of the fake Slack, e.g. "Diskussionen") open here, not on the fake.
document.addEventListener('click', (e) => {
  const a = e.target.closest?.('a[href]');
  if (!a || !data) return;
  const link = permalink(a.getAttribute('href'));
  if (!link) return;
  e.preventDefault();
  openMessage(link.channel, link.ts, link.thread);
});

function permalink(href) {
  const m = /\/archives\/([A-Z0-9]+)\/p(\d+)(\d{6})(?:\?(.*))?$/.exec(href ?? '');
  if (!m || !(href.startsWith(data.slackUrl) || href.startsWith('#'))) return null;
  const thread = new URLSearchParams(m[4] ?? '').get('thread_ts');
  return { channel: m[1], ts: `${m[2]}.${m[3]}`, thread: thread ?? undefined };
}

function go(conv) {
  view.conv = conv;
  view.thread = null;
  view.focusTs = null;
  shownConv = null; // opening a channel shows its newest (or first unread), like Slack
  localStorage.setItem('samverkan.conv', conv);
  if (conv === 'home') call('/local/home', {}).catch(showError);
  render();
}

const names = () => ({ users: data.users, channels: data.channels });
const baseCtx = () => ({ names: names(), members: data.members, t });

function showError(err) {
  const box = document.getElementById('toast');
  box.textContent = err.message;
  box.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => { box.hidden = true; }, 8000);
}

function time(ts) {
  const d = new Date(Number(ts.split('.')[0]) * 1000);
  return d.toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'sv-SE', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

function initials(name) {
  return name.split(/\s+/).map((w) => w[0]).slice(0, 2).join('').toUpperCase();
}

function messageEl(m, { inThread = false } = {}) {
  const author = m.bot ? 'Samverkan' : data.users[m.user] ?? m.user;
  const act = (el, blockId, value) => call('/local/action', { channel: m.channel, ts: m.ts, actionId: el.action_id, blockId, value }).catch(showError);
  const body = m.blocks ? renderBlocks(m.blocks, { ...baseCtx(), act }) : h('div', { class: 'b-text', html: mrkdwn(m.text, names()) });
  const files = m.files.map((f) => h('div', { class: 'file' },
    f.mimetype === 'image/png' ? h('img', { src: f.url, alt: f.title, class: 'file-img' }) : null,
    h('span', { class: 'file-icon' }, f.name.split('.').pop().toUpperCase()),
    h('a', { href: f.url, target: '_blank', rel: 'noopener', 'data-testid': 'file-link' }, f.title),
    h('a', { href: f.url, download: f.name, class: 'file-dl' }, t('download'))));
  const openThread = () => { view.thread = m.thread_ts ?? m.ts; view.focusTs = null; render(); document.getElementById('thread-composer')?.focus(); };
  const menuItem = (label, attrs, onclick) => h('button', { type: 'button', ...attrs, onclick: (e) => { e.target.closest('details').open = false; onclick(); } }, label);
  const menu = !m.ephemeral
    ? h('details', { class: 'msg-menu' }, h('summary', { title: t('moreActions'), 'aria-label': t('moreActions') }, '⋮'),
        h('div', { class: 'menu' },
          inThread ? null : menuItem(t('replyInThread'), { 'data-testid': 'reply-in-thread' }, openThread),
          data.shortcuts.map((s) => menuItem(s.name, { 'data-callback-id': s.callbackId },
            () => call('/local/shortcut', { callbackId: s.callbackId, channel: m.channel, ts: m.ts }).catch(showError)))))
    : null;
  // Permalinks point at the fake Slack, which has no pages: make them open the message here.
  for (const a of body.querySelectorAll?.('a[href]') ?? []) {
    if (permalink(a.getAttribute('href'))) a.removeAttribute('target');
  }
  const dismiss = m.ephemeral
    ? h('button', { type: 'button', class: 'dismiss', 'data-testid': 'dismiss', onclick: () => call('/local/dismiss', { channel: m.channel, ts: m.ts }).then(refresh, showError) }, t('dismiss'))
    : null;
  return h('article', { class: `msg${m.ephemeral ? ' ephemeral' : ''}${view.focusTs === m.ts ? ' highlight' : ''}`, 'data-ts': m.ts, tabindex: '-1', 'aria-label': `${author} ${time(m.ts)}` },
    h('div', { class: `avatar${m.bot ? ' bot' : ''}` }, m.bot ? 'S' : initials(author)),
    h('div', { class: 'msg-main' },
      h('div', { class: 'msg-head' }, h('b', {}, author), m.bot ? h('span', { class: 'app-tag' }, t('appTag')) : null,
        h('time', {}, time(m.ts)), m.edited ? h('span', { class: 'muted' }, t('edited')) : null, menu),
      m.ephemeral ? h('div', { class: 'only-you' }, t('onlyYou'), ' · ', dismiss) : null,
      body, files,
      !inThread && m.reply_count ? h('button', { type: 'button', class: 'replies', onclick: openThread }, t('replies', m.reply_count)) : null));
}

function sidebar() {
  const me = data.members.find((m) => m.id === view.me);
  const picker = h('select', { id: 'who', 'aria-describedby': 'who-roles', onchange: (e) => { setMe(e.target.value); refresh(); } },
    data.members.map((m) => h('option', { value: m.id, selected: m.id === view.me }, `${m.name} – ${m.party}`)));
  const item = (conv, label, icon) => {
    const n = conv === view.conv ? 0 : unread(conv).length;
    return h('button', { type: 'button', id: `nav-${conv.replace(/[^A-Za-z0-9]/g, '-')}`, class: `nav${view.conv === conv ? ' active' : ''}${n ? ' unread' : ''}`, 'data-conv': conv,
      'aria-current': view.conv === conv ? 'page' : undefined, onclick: () => go(conv) },
      h('span', { class: 'nav-icon', 'aria-hidden': 'true' }, icon), h('span', { class: 'nav-label' }, label),
      n ? h('span', { class: 'badge', 'data-testid': 'unread', 'aria-label': t('unread', n) }, String(n)) : null);
  };
  return h('nav', { class: 'sidebar', 'aria-label': t('channels') },
    h('div', { class: 'team' }, data.partnership),
    h('div', { class: 'who' }, h('label', { for: 'who' }, t('youAre')), picker,
      me ? h('small', { id: 'who-roles' }, me.roles.join(', ') || t('noRoles')) : null),
    h('h4', {}, t('channels')),
    data.groups.map((g) => item(g.id, g.key, '#')),
    h('h4', {}, t('apps')),
    item('home', t('home'), '⌂'),
    item(`dm:${view.me}`, t('dm'), '✉'));
}

function conversation() {
  if (view.conv === 'home') {
    const home = data.home;
    const act = (el, blockId, value) => call('/local/action', { viewId: home.id, actionId: el.action_id, blockId, value }).catch(showError);
    return h('main', { class: 'home' }, h('h1', {}, t('appHome')),
      home ? renderBlocks(home.view.blocks, { ...baseCtx(), act }) : h('p', { class: 'muted' }, t('homeEmpty')));
  }
  const list = data.messages.filter((m) => m.conversation === view.conv && !m.thread_ts);
  const group = data.groups.find((g) => g.id === view.conv);
  const fresh = new Set(unread(view.conv).map((m) => m.ts));
  const items = [];
  for (const m of list) {
    if (fresh.has(m.ts) && !items.some((x) => x.classList?.contains('unread-divider'))) items.push(h('div', { class: 'unread-divider', 'data-testid': 'unread-divider' }, h('span', {}, t('newMessages'))));
    items.push(messageEl(m));
  }
  const log = h('div', { class: 'log', id: 'log', role: 'log', 'aria-label': t('messages'), tabindex: '0',
    onscroll: (e) => { if (atBottom(e.target)) { markRead(view.conv); document.getElementById('jump')?.remove(); } } },
  items.length ? items : h('p', { class: 'muted empty' }, t('empty')));
  const jump = fresh.size ? h('button', { type: 'button', id: 'jump', class: 'jump', 'data-testid': 'jump', onclick: () => {
    log.scrollTop = log.scrollHeight;
    markRead(view.conv);
    render();
  } }, t('jumpNew', fresh.size)) : null;
  return h('main', { class: 'channel' },
    h('header', { class: 'channel-head' }, h('h1', {}, group ? `# ${group.key}` : t('dm')), group ? h('span', { class: 'muted' }, group.name) : null),
    h('div', { class: 'log-wrap' }, log, jump), composer());
}

const atBottom = (el) => el.scrollHeight - el.scrollTop - el.clientHeight < 40;

/** The message field: a slash command goes to the bot as a command, anything else is a message. */
function composer({ thread } = {}) {
  const id = thread ? 'thread-composer' : 'composer';
  const input = h('input', { id, type: 'text', placeholder: t(thread ? 'replyPlaceholder' : 'composer'), autocomplete: 'off', list: thread ? undefined : 'cmds' });
  const error = h('div', { class: 'composer-error', role: 'alert' });
  const channel = view.conv.startsWith('dm:') ? view.me : view.conv;
  const form = h('form', { class: 'composer', onsubmit: async (e) => {
    e.preventDefault();
    error.textContent = '';
    const text = input.value.trim();
    if (!text) return;
    try {
      if (text.startsWith('/') && !thread) await call('/local/command', { channel, command: text });
      else await call('/local/message', { channel, text, thread });
      input.value = '';
      stickToBottom = true;
      await refresh();
    } catch (err) {
      error.textContent = err.message;
    }
  } }, h('label', { for: id, class: 'sr-only' }, t(thread ? 'replyLabel' : 'composerLabel')), input, h('button', { type: 'submit', class: 'btn primary' }, t('send')),
  thread ? null : h('datalist', { id: 'cmds' }, data.commands.map((c) => h('option', { value: `${c.command} ` }, `${c.command} ${c.usageHint} – ${c.description}`))));
  return h('div', { class: 'composer-wrap' }, form, error);
}

/** Set when the person just sent something: they want to see it (and the answer). */
let stickToBottom = false;

function threadPane() {
  if (!view.thread) return null;
  const root = data.messages.find((m) => m.ts === view.thread);
  if (!root) return null;
  const replies = data.messages.filter((m) => m.thread_ts === view.thread);
  return h('aside', { class: 'thread', 'aria-label': t('thread') },
    h('header', {}, h('h2', {}, t('thread')), h('button', { type: 'button', class: 'icon', id: 'thread-close', title: t('close'), 'aria-label': t('close'), onclick: () => { view.thread = null; render(); } }, '✕')),
    h('div', { class: 'log', id: 'thread-log' }, messageEl(root, { inThread: true }), h('hr'), replies.map((m) => messageEl(m, { inThread: true }))),
    composer({ thread: root.ts }));
}

function clockBar() {
  const c = data.clock;
  const error = h('span', { class: 'clock-error', role: 'alert' });
  const move = (body) => call('/local/clock', body).then(refresh, (err) => { error.textContent = err.message; });
  const date = h('input', { id: 'clock-date', type: 'date', 'aria-label': t('dateToGo'), min: c.today });
  return h('div', { class: 'clock', role: 'group', 'aria-label': t('timeTravel') },
    h('span', {}, `${t('botClock')}: `, h('b', { 'data-testid': 'clock-today' }, c.today), c.offsetDays ? h('span', { class: 'muted' }, ` (${t('ahead', c.offsetDays)})`) : null),
    h('button', { type: 'button', class: 'btn small', onclick: () => move({ days: 1 }) }, t('day')),
    h('button', { type: 'button', class: 'btn small', onclick: () => move({ days: 7 }) }, t('week')),
    h('button', { type: 'button', class: 'btn small', onclick: () => move({ days: 30 }) }, t('month')),
    date, h('button', { type: 'button', class: 'btn small', onclick: () => move({ to: date.value }) }, t('toDate')), error);
}

function render() {
  const app = document.getElementById('app');
  const oldLog = document.getElementById('log');
  const sameConv = shownConv === view.conv;
  const keepScroll = oldLog?.scrollTop;
  const wasAtBottom = !oldLog || atBottom(oldLog);
  // Live updates redraw the page; what the person was typing (composer, date) stays as it was.
  const kept = [...document.querySelectorAll('#app input[id]')].map((el) => [el.id, el.value]);
  const focused = document.activeElement?.id;
  const top = h('header', { class: 'topbar' },
    h('span', { class: 'local-badge', 'data-testid': 'local-badge' }, t('localMode')), h('span', { class: 'muted local-note' }, t('localNote')), clockBar());
  app.replaceChildren(top, h('div', { class: 'workspace' }, sidebar(), conversation(), threadPane()));
  const log = document.getElementById('log');
  if (log) {
    const divider = log.querySelector('.unread-divider');
    const target = view.scrollTo ? log.querySelector(`[data-ts="${CSS.escape(view.scrollTo)}"]`) : null;
    if (target) target.scrollIntoView({ block: 'center' });
    else if (!sameConv) {
      // A channel opens at its first unread message, else at its newest.
      if (divider) divider.scrollIntoView({ block: 'start' });
      else log.scrollTop = log.scrollHeight;
    } else if (wasAtBottom || stickToBottom) log.scrollTop = log.scrollHeight;
    else log.scrollTop = keepScroll ?? 0;
    if (atBottom(log) && !target) {
      markRead(view.conv);
      document.getElementById('jump')?.remove();
    }
  }
  stickToBottom = false;
  shownConv = view.conv;
  const threadLog = document.getElementById('thread-log');
  const focusedInThread = view.scrollTo && threadLog?.querySelector(`[data-ts="${CSS.escape(view.scrollTo)}"]`);
  if (focusedInThread) focusedInThread.scrollIntoView({ block: 'center' });
  else if (threadLog) threadLog.scrollTop = threadLog.scrollHeight;
  view.scrollTo = null;
  for (const [id, value] of kept) {
    const el = document.getElementById(id);
    if (el && value) el.value = value;
  }
  if (focused) document.getElementById(focused)?.focus({ preventScroll: true });
  renderModalLayer();
}

// The modal layer is rebuilt only when the view changes, so typing survives live updates.
function renderModalLayer() {
  const layer = document.getElementById('modal-layer');
  const m = data.modal;
  const key = m ? `${m.id}:${m.view.hash}` : '';
  if (key === shownModal) return;
  const wasOpen = shownModal !== '';
  shownModal = key;
  if (!m) {
    layer.replaceChildren();
    // Back where the person was before the dialog opened (the page may have been redrawn since).
    const back = returnFocus;
    returnFocus = null;
    if (back) (back.el.isConnected ? back.el : document.querySelector(back.selector) ?? document.getElementById('composer'))?.focus();
    return;
  }
  if (!wasOpen) returnFocus = focusMemo(document.activeElement);
  layer.replaceChildren(renderModal(m, baseCtx(), {
    close: (viewId, values) => call('/local/close', { viewId, values }).then(refresh, showError),
    submit: async (viewId, values) => {
      const r = await call('/local/submit', { viewId, values });
      if (!r.errors) await refresh();
      return r;
    },
    act: (viewId, el, blockId, value, values) => call('/local/action', { viewId, actionId: el.action_id, blockId, value, values }).catch(showError),
  }));
  focusInto(layer);
}

/** The focused element, and how to find its successor after a redraw. */
function focusMemo(el) {
  if (!el || el === document.body) return null;
  const msg = el.closest('.msg[data-ts]');
  const inMsg = msg ? `.msg[data-ts="${CSS.escape(msg.dataset.ts)}"]` : '';
  let selector = '#composer';
  if (el.id) selector = `#${CSS.escape(el.id)}`;
  else if (msg && el.dataset.actionId) selector = `${inMsg} [data-action-id="${CSS.escape(el.dataset.actionId)}"]`;
  else if (msg && el.dataset.callbackId) selector = `${inMsg} .msg-menu summary`;
  else if (msg) selector = inMsg;
  return { el, selector };
}

const events = new EventSource('/local/events');
events.onmessage = () => refresh();
refresh();
