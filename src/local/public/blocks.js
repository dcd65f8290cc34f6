// A Block Kit renderer for the blocks and elements Samverkan uses. Anything it does not know is
// drawn as a red box: a silent gap here would hide a message that Slack itself might refuse.
import { translator } from './i18n.js';
import { escapeHtml, mrkdwn, textObject } from './mrkdwn.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'html') el.innerHTML = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

export function unsupported(what, detail) {
  // Block Kit renders without the page's context (rich text, context elements): the page's language is on <html>.
  return h('div', { class: 'unsupported', role: 'alert' }, translator(document.documentElement.lang)('unsupported', what, detail));
}

const options = (el) => [...(el.options ?? []), ...(el.option_groups ?? []).flatMap((g) => g.options ?? [])];
const optionText = (o, names) => textObject(o.text, names);

/** Renders a list of blocks; `ctx` = { names, surface, act(element, blockId, value), users, channels }. */
export function renderBlocks(blocks, ctx) {
  return h('div', { class: 'blocks' }, (blocks ?? []).map((b) => renderBlock(b, ctx)));
}

function renderBlock(b, ctx) {
  const { names } = ctx;
  switch (b.type) {
    case 'header':
      return h('div', { class: 'b-header', html: textObject(b.text, names) });
    case 'divider':
      return h('hr', { class: 'b-divider' });
    case 'section': {
      const body = h('div', { class: 'b-section-body' },
        b.text ? h('div', { class: 'b-text', html: textObject(b.text, names) }) : null,
        b.fields ? h('div', { class: 'b-fields' }, b.fields.map((f) => h('div', { class: 'b-field', html: textObject(f, names) }))) : null);
      return h('div', { class: 'b-section', 'data-block-id': b.block_id },
        body, b.accessory ? h('div', { class: 'b-accessory' }, renderElement(b.accessory, b.block_id, ctx)) : null);
    }
    case 'context':
      return h('div', { class: 'b-context' }, (b.elements ?? []).map((e) =>
        e.type === 'image' ? h('img', { src: e.image_url, alt: e.alt_text, class: 'b-context-img' })
          : e.type === 'mrkdwn' || e.type === 'plain_text' ? h('span', { html: textObject(e, names) })
            : unsupported('context element', e.type)));
    case 'actions':
      return h('div', { class: 'b-actions', 'data-block-id': b.block_id }, (b.elements ?? []).map((e) => renderElement(e, b.block_id, ctx)));
    case 'input':
      return renderInput(b, ctx);
    case 'image':
      return h('figure', { class: 'b-image' },
        b.title ? h('figcaption', { html: textObject(b.title, names) }) : null,
        h('img', { src: b.image_url ?? b.slack_file?.url, alt: b.alt_text ?? '' }));
    case 'rich_text':
      return h('div', { class: 'b-rich' }, (b.elements ?? []).map((e) => richElement(e, names)));
    default:
      return unsupported('block', String(b.type));
  }
}

function richInline(e, names) {
  const st = e.style ?? {};
  let html;
  switch (e.type) {
    case 'text': html = escapeHtml(e.text).replace(/\n/g, '<br>'); break;
    case 'link': html = `<a href="${escapeHtml(/^(https?:|mailto:)/i.test(e.url) ? e.url : '#')}" target="_blank" rel="noopener">${escapeHtml(e.text ?? e.url)}</a>`; break;
    case 'user': html = `<span class="mention">@${escapeHtml(names.users[e.user_id] ?? e.user_id)}</span>`; break;
    case 'channel': html = `<span class="mention">#${escapeHtml(names.channels[e.channel_id] ?? e.channel_id)}</span>`; break;
    case 'emoji': html = mrkdwn(`:${e.name}:`); break;
    default: return unsupported('rich text element', e.type).outerHTML;
  }
  if (st.code) html = `<code>${html}</code>`;
  if (st.bold) html = `<b>${html}</b>`;
  if (st.italic) html = `<i>${html}</i>`;
  if (st.strike) html = `<s>${html}</s>`;
  return html;
}

function richElement(e, names) {
  const inline = (els) => (els ?? []).map((x) => richInline(x, names)).join('');
  switch (e.type) {
    case 'rich_text_section': return h('div', { html: inline(e.elements) });
    case 'rich_text_preformatted': return h('pre', { class: 'code', html: inline(e.elements) });
    case 'rich_text_quote': return h('blockquote', { html: inline(e.elements) });
    case 'rich_text_list':
      return h(e.style === 'ordered' ? 'ol' : 'ul', {}, (e.elements ?? []).map((s) => h('li', { html: inline(s.elements) })));
    default: return unsupported('rich text block', e.type);
  }
}

let fieldSeq = 0;

function renderInput(b, ctx) {
  const { names } = ctx;
  // Every field has a label the browser (and a screen reader) ties to it: for= on one control,
  // aria-labelledby on a group of checkboxes or radio buttons; hint and error describe it.
  fieldSeq += 1;
  const id = `field-${fieldSeq}`;
  const group = b.element?.type === 'checkboxes' || b.element?.type === 'radio_buttons';
  const label = h(group ? 'span' : 'label', { class: 'b-label', id: `${id}-label`, for: group ? undefined : id },
    h('span', { html: textObject(b.label, names) }), b.optional ? h('span', { class: 'optional' }, ` (${ctx.t('optional')})`) : null);
  const described = [b.hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  return h('div', { class: 'b-input', 'data-block-id': b.block_id },
    label,
    renderElement(b.element, b.block_id, ctx, { input: true, dispatch: b.dispatch_action, id, labelledBy: `${id}-label`, describedBy: described }),
    b.hint ? h('div', { class: 'hint', id: `${id}-hint`, html: textObject(b.hint, names) }) : null,
    h('div', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite', 'data-error-for': b.block_id ?? '' }));
}

/** One interactive element; inside input blocks it is a form field, elsewhere it acts at once. */
export function renderElement(el, blockId, ctx, o = {}) {
  const { names } = ctx;
  const placeholderText = el.placeholder ? el.placeholder.text : '';
  // Outside an input block a select has no visible label: its placeholder names it.
  const field = {
    'data-action-id': el.action_id, 'data-block-id': blockId ?? '', 'data-type': el.type,
    id: o.id, 'aria-describedby': o.describedBy,
    'aria-label': o.id || el.type === 'button' || el.type === 'image' ? undefined : placeholderText || ctx.t(el.type === 'overflow' ? 'moreActions' : 'choose'),
  };
  const fire = (value) => ctx.act(el, blockId, value);
  const onPick = (value) => { if (!o.input || o.dispatch) fire(value); };
  const placeholder = el.placeholder ? el.placeholder.text : '';
  switch (el.type) {
    case 'button':
      return h('button', { ...field, type: 'button', class: `btn ${el.style ?? ''}`, onclick: () => {
        if (el.confirm && !window.confirm(`${el.confirm.title?.text ?? ''}\n\n${el.confirm.text?.text ?? ''}`)) return;
        fire(el.value);
      }, html: textObject(el.text, names) });
    case 'image':
      return h('img', { src: el.image_url, alt: el.alt_text ?? '', class: 'b-acc-img' });
    case 'plain_text_input':
      return el.multiline
        ? h('textarea', { ...field, rows: 4, placeholder, maxlength: el.max_length, onchange: (e) => onPick(e.target.value) }, el.initial_value ?? '')
        : h('input', { ...field, type: 'text', placeholder, value: el.initial_value ?? '', maxlength: el.max_length, onchange: (e) => onPick(e.target.value) });
    case 'email_text_input':
    case 'url_text_input':
      return h('input', { ...field, type: el.type === 'email_text_input' ? 'email' : 'url', placeholder, value: el.initial_value ?? '', onchange: (e) => onPick(e.target.value) });
    case 'number_input':
      return h('input', { ...field, type: 'text', inputmode: el.is_decimal_allowed ? 'decimal' : 'numeric', placeholder, value: el.initial_value ?? '', onchange: (e) => onPick(e.target.value) });
    case 'datepicker':
      return h('input', { ...field, type: 'date', value: el.initial_date ?? '', onchange: (e) => onPick(e.target.value || null) });
    case 'timepicker':
      return h('input', { ...field, type: 'time', value: el.initial_time ?? '', onchange: (e) => onPick(e.target.value || null) });
    case 'static_select':
    case 'overflow': {
      const initial = el.initial_option?.value;
      const sel = h('select', { ...field, class: el.type === 'overflow' ? 'overflow' : '', onchange: (e) => onPick(e.target.value || null) },
        h('option', { value: '' }, el.type === 'overflow' ? '⋯' : placeholder || ctx.t('choose')),
        options(el).map((x) => h('option', { value: x.value, selected: x.value === initial }, optionText(x, names).replace(/<[^>]+>/g, ''))));
      return sel;
    }
    case 'multi_static_select': {
      const initial = new Set((el.initial_options ?? []).map((x) => x.value));
      return h('select', { ...field, multiple: true, size: Math.min(6, options(el).length), onchange: (e) => onPick([...e.target.selectedOptions].map((x) => x.value)) },
        options(el).map((x) => h('option', { value: x.value, selected: initial.has(x.value) }, optionText(x, names).replace(/<[^>]+>/g, ''))));
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const multi = el.type === 'checkboxes';
      const initial = new Set(multi ? (el.initial_options ?? []).map((x) => x.value) : el.initial_option ? [el.initial_option.value] : []);
      const name = `${blockId}:${el.action_id}`;
      const group = h('div', { ...field, id: undefined, role: multi ? 'group' : 'radiogroup', 'aria-labelledby': o.labelledBy, class: 'choices' }, options(el).map((x) => h('label', { class: 'choice' },
        h('input', { type: multi ? 'checkbox' : 'radio', name, value: x.value, checked: initial.has(x.value), onchange: () => onPick(readValue(group)) }),
        h('span', { html: optionText(x, names) }),
        x.description ? h('small', { html: textObject(x.description, names) }) : null)));
      return group;
    }
    case 'users_select':
    case 'multi_users_select': {
      const initial = new Set([el.initial_user, ...(el.initial_users ?? [])].filter(Boolean));
      return h('select', { ...field, multiple: el.type === 'multi_users_select', onchange: (e) => onPick(readValue(e.target)) },
        el.type === 'users_select' ? h('option', { value: '' }, placeholder || ctx.t('choosePerson')) : null,
        ctx.members.map((m) => h('option', { value: m.id, selected: initial.has(m.id) }, `${m.name} – ${m.party}`)));
    }
    case 'conversations_select':
    case 'channels_select': {
      const initial = el.initial_conversation ?? el.initial_channel;
      return h('select', { ...field, onchange: (e) => onPick(e.target.value || null) },
        h('option', { value: '' }, placeholder || ctx.t('chooseChannel')),
        Object.entries(names.channels).map(([id, n]) => h('option', { value: id, selected: id === initial }, `#${n}`)));
    }
    default:
      return unsupported('element', String(el.type));
  }
}

/** The value of one form field, in the shape SignedDriver.submitView takes. */
export function readValue(node) {
  const type = node.dataset.type;
  if (type === 'checkboxes') return [...node.querySelectorAll('input:checked')].map((i) => i.value);
  if (type === 'radio_buttons') return node.querySelector('input:checked')?.value ?? null;
  if (node.multiple) return [...node.selectedOptions].map((x) => x.value);
  const v = node.value;
  return v === '' ? null : v;
}

/** action_id → value of every form field under `root`. */
export function collectValues(root) {
  const values = {};
  for (const node of root.querySelectorAll('[data-action-id][data-type]')) {
    if (node.dataset.type === 'button' || node.dataset.type === 'overflow') continue;
    values[node.dataset.actionId] = readValue(node);
  }
  return values;
}
