// Modals: the view on top of the person's stack, drawn as a form. Errors from the bot
// (response_action: errors) go under their fields and the typed values stay as they are.
import { collectValues, h, renderBlocks } from './blocks.js';
import { textObject } from './mrkdwn.js';

export function renderModal(modal, ctx, api) {
  const v = modal.view;
  const titleId = `modal-title-${modal.id}`;
  const form = h('form', { class: 'modal', 'data-view-id': modal.id, 'data-callback-id': v.callback_id ?? '', novalidate: true,
    role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId });
  const banner = h('div', { class: 'modal-banner', role: 'alert' });
  // What was typed goes along, as in Slack (a form asking notify_on_close gets it with the close).
  const close = () => api.close(modal.id, collectValues(form));
  const submitBtn = v.submit ? h('button', { type: 'submit', class: 'btn primary', 'data-testid': 'modal-submit' }, v.submit.text) : null;
  form.append(
    h('header', { class: 'modal-head' },
      modal.canGoBack ? h('button', { type: 'button', class: 'icon', title: ctx.t('back'), 'aria-label': ctx.t('back'), onclick: close }, '←') : null,
      h('h2', { id: titleId, html: textObject(v.title, ctx.names) }),
      h('button', { type: 'button', class: 'icon', title: ctx.t('close'), 'aria-label': ctx.t('close'), onclick: close }, '✕')),
    h('div', { class: 'modal-body' }, renderBlocks(v.blocks, { ...ctx, act: (el, blockId, value) => api.act(modal.id, el, blockId, value, collectValues(form)) }), banner),
    h('footer', { class: 'modal-foot' },
      h('button', { type: 'button', class: 'btn', onclick: close }, v.close?.text ?? ctx.t('cancel')),
      submitBtn));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    for (const el of form.querySelectorAll('.b-input.has-error')) el.classList.remove('has-error');
    banner.textContent = '';
    if (submitBtn) { submitBtn.disabled = true; submitBtn.textContent = ctx.t('sending'); }
    try {
      const r = await api.submit(modal.id, collectValues(form));
      if (r.errors) showErrors(form, banner, r.errors, ctx);
    } catch (err) {
      banner.textContent = err.message;
    } finally {
      if (submitBtn) { submitBtn.disabled = false; submitBtn.textContent = v.submit.text; }
    }
  });
  // Keyboard: Escape closes like Slack's "Cancel"; Tab stays inside the dialog.
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') {
      const items = focusables(form);
      if (!items.length) return;
      const first = items[0];
      const last = items.at(-1);
      if (e.shiftKey && (document.activeElement === first || !form.contains(document.activeElement))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  });
  return h('div', { class: 'overlay' }, form);
}

/** What Tab can reach inside `root`, in order. */
export function focusables(root) {
  return [...root.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])')]
    .filter((el) => el.offsetParent !== null || el === document.activeElement);
}

/** Moves focus into a freshly shown dialog: its first field, else its first control. */
export function focusInto(layer) {
  const form = layer.querySelector('.modal');
  if (!form || form.contains(document.activeElement)) return;
  const field = form.querySelector('.modal-body input:not([type=hidden]), .modal-body select, .modal-body textarea');
  (field ?? focusables(form)[0] ?? form).focus();
}

function showErrors(form, banner, errors, ctx) {
  let first;
  for (const [blockId, message] of Object.entries(errors)) {
    const slot = form.querySelector(`.field-error[data-error-for="${CSS.escape(blockId)}"]`);
    if (slot) {
      slot.textContent = message;
      slot.closest('.b-input')?.classList.add('has-error');
      first ??= slot;
    } else {
      // Slack refuses errors for a block_id that is not an input; show it, do not hide it.
      banner.append(h('div', {}, `${blockId}: ${message}`));
    }
  }
  if (!banner.textContent) banner.textContent = ctx.t('fixErrors');
  first?.closest('.b-input')?.scrollIntoView({ block: 'center' });
}
