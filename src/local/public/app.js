// The local workspace page: who you are, channels, threads, App Home, modals, time travel.
// It keeps no state of its own beyond what it is looking at; the server snapshot is the truth.
import { h, renderBlocks } from './blocks.js';
import { translator } from './i18n.js';
import { renderModal } from './modal.js';
import { mrkdwn } from './mrkdwn.js';

const view = { me: localStorage.getItem('samverkan.me'), conv: localStorage.getItem('samverkan.conv'), thread: null };
let data = null;
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
  if (!view.conv || (view.conv !== 'home' && view.conv !== `dm:${view.me}` && !data.groups.some((g) => g.id === view.conv))) view.conv = data.groups[0]?.id ?? 'home';
  render();
}

function setMe(id) {
  view.me = id;
  localStorage.setItem('samverkan.me', id);
  shownModal = '';
}

function go(conv) {
  view.conv = conv;
  view.thread = null;
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
  const menu = data.shortcuts.length && !m.ephemeral
    ? h('details', { class: 'msg-menu' }, h('summary', { title: t('moreActions') }, '⋮'),
        h('div', { class: 'menu' }, data.shortcuts.map((s) => h('button', { type: 'button', 'data-callback-id': s.callbackId, onclick: (e) => {
          e.target.closest('details').open = false;
          call('/local/shortcut', { callbackId: s.callbackId, channel: m.channel, ts: m.ts }).catch(showError);
        } }, s.name))))
    : null;
  return h('article', { class: `msg${m.ephemeral ? ' ephemeral' : ''}`, 'data-ts': m.ts },
    h('div', { class: `avatar${m.bot ? ' bot' : ''}` }, m.bot ? 'S' : initials(author)),
    h('div', { class: 'msg-main' },
      h('div', { class: 'msg-head' }, h('b', {}, author), m.bot ? h('span', { class: 'app-tag' }, t('appTag')) : null,
        h('time', {}, time(m.ts)), m.edited ? h('span', { class: 'muted' }, t('edited')) : null, menu),
      m.ephemeral ? h('div', { class: 'only-you' }, t('onlyYou')) : null,
      body, files,
      !inThread && m.reply_count ? h('button', { type: 'button', class: 'replies', onclick: () => { view.thread = m.ts; render(); } }, t('replies', m.reply_count)) : null));
}

function sidebar() {
  const me = data.members.find((m) => m.id === view.me);
  const picker = h('select', { id: 'who', 'aria-label': t('youAre'), onchange: (e) => { setMe(e.target.value); refresh(); } },
    data.members.map((m) => h('option', { value: m.id, selected: m.id === view.me }, `${m.name} – ${m.party}`)));
  const item = (conv, label, icon) => h('button', { type: 'button', class: `nav${view.conv === conv ? ' active' : ''}`, 'data-conv': conv, onclick: () => go(conv) }, h('span', { class: 'nav-icon' }, icon), label);
  return h('nav', { class: 'sidebar' },
    h('div', { class: 'team' }, data.partnership),
    h('label', { class: 'who' }, t('youAre'), picker, me ? h('small', {}, me.roles.join(', ')) : null),
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
    return h('section', { class: 'home' }, h('h2', {}, t('appHome')),
      home ? renderBlocks(home.view.blocks, { ...baseCtx(), act }) : h('p', { class: 'muted' }, t('homeEmpty')));
  }
  const list = data.messages.filter((m) => m.conversation === view.conv && !m.thread_ts);
  const group = data.groups.find((g) => g.id === view.conv);
  const log = h('div', { class: 'log', id: 'log' }, list.length ? list.map((m) => messageEl(m)) : h('p', { class: 'muted empty' }, t('empty')));
  return h('section', { class: 'channel' },
    h('header', { class: 'channel-head' }, h('h2', {}, group ? `# ${group.key}` : t('dm')), group ? h('span', { class: 'muted' }, group.name) : null),
    log, composer());
}

function composer() {
  const input = h('input', { id: 'composer', type: 'text', placeholder: t('composer'), autocomplete: 'off', list: 'cmds' });
  const error = h('div', { class: 'composer-error', role: 'alert' });
  const channel = view.conv.startsWith('dm:') ? view.me : view.conv;
  const form = h('form', { class: 'composer', onsubmit: async (e) => {
    e.preventDefault();
    error.textContent = '';
    const command = input.value.trim();
    if (!command) return;
    try {
      await call('/local/command', { channel, command });
      input.value = '';
    } catch (err) {
      error.textContent = err.message;
    }
  } }, input, h('button', { type: 'submit', class: 'btn primary' }, t('send')),
  h('datalist', { id: 'cmds' }, data.commands.map((c) => h('option', { value: `${c.command} ` }, `${c.command} ${c.usageHint} – ${c.description}`))));
  return h('div', { class: 'composer-wrap' }, form, error);
}

function threadPane() {
  if (!view.thread) return null;
  const root = data.messages.find((m) => m.ts === view.thread);
  if (!root) return null;
  const replies = data.messages.filter((m) => m.thread_ts === view.thread);
  return h('aside', { class: 'thread' },
    h('header', {}, h('h3', {}, t('thread')), h('button', { type: 'button', class: 'icon', onclick: () => { view.thread = null; render(); } }, '✕')),
    h('div', { class: 'log' }, messageEl(root, { inThread: true }), h('hr'), replies.map((m) => messageEl(m, { inThread: true }))));
}

function clockBar() {
  const c = data.clock;
  const error = h('span', { class: 'clock-error', role: 'alert' });
  const move = (body) => call('/local/clock', body).then(refresh, (err) => { error.textContent = err.message; });
  const date = h('input', { id: 'clock-date', type: 'date', 'aria-label': t('toDate'), min: c.today });
  return h('div', { class: 'clock' },
    h('span', {}, `${t('botClock')}: `, h('b', { 'data-testid': 'clock-today' }, c.today), c.offsetDays ? h('span', { class: 'muted' }, ` (${t('ahead', c.offsetDays)})`) : null),
    h('button', { type: 'button', class: 'btn small', onclick: () => move({ days: 1 }) }, t('day')),
    h('button', { type: 'button', class: 'btn small', onclick: () => move({ days: 7 }) }, t('week')),
    h('button', { type: 'button', class: 'btn small', onclick: () => move({ days: 30 }) }, t('month')),
    date, h('button', { type: 'button', class: 'btn small', onclick: () => move({ to: date.value }) }, t('toDate')), error);
}

function render() {
  const app = document.getElementById('app');
  const keepScroll = document.getElementById('log')?.scrollTop;
  const wasAtBottom = (() => { const l = document.getElementById('log'); return !l || l.scrollHeight - l.scrollTop - l.clientHeight < 40; })();
  // Live updates redraw the page; what the person was typing (composer, date) stays as it was.
  const kept = [...document.querySelectorAll('#app input[id]')].map((el) => [el.id, el.value]);
  const focused = document.activeElement?.id;
  const top = h('div', { class: 'topbar' },
    h('span', { class: 'local-badge', 'data-testid': 'local-badge' }, t('localMode')), h('span', { class: 'muted' }, t('localNote')), clockBar());
  app.replaceChildren(top, h('div', { class: 'workspace' }, sidebar(), conversation(), threadPane()));
  const log = document.getElementById('log');
  if (log) log.scrollTop = wasAtBottom ? log.scrollHeight : keepScroll ?? 0;
  for (const [id, value] of kept) {
    const el = document.getElementById(id);
    if (el && value) el.value = value;
  }
  if (focused) document.getElementById(focused)?.focus();
  renderModalLayer();
}

// The modal layer is rebuilt only when the view changes, so typing survives live updates.
function renderModalLayer() {
  const layer = document.getElementById('modal-layer');
  const m = data.modal;
  const key = m ? `${m.id}:${m.view.hash}` : '';
  if (key === shownModal) return;
  shownModal = key;
  if (!m) return layer.replaceChildren();
  layer.replaceChildren(renderModal(m, baseCtx(), {
    close: (viewId) => call('/local/close', { viewId }).then(refresh, showError),
    submit: async (viewId, values) => {
      const r = await call('/local/submit', { viewId, values });
      if (!r.errors) await refresh();
      return r;
    },
    act: (viewId, el, blockId, value, values) => call('/local/action', { viewId, actionId: el.action_id, blockId, value, values }).catch(showError),
  }));
}

const events = new EventSource('/local/events');
events.onmessage = () => refresh();
refresh();
