// Modals: the view on top of the person's stack, drawn as a form. Errors from the bot
// (response_action: errors) go under their fields and the typed values stay as they are.
import { collectValues, h, renderBlocks } from './blocks.js';
import { textObject } from './mrkdwn.js';

export function renderModal(modal, ctx, api) {
  const v = modal.view;
  const form = h('form', { class: 'modal', 'data-view-id': modal.id, 'data-callback-id': v.callback_id ?? '', novalidate: true });
  const banner = h('div', { class: 'modal-banner', role: 'alert' });
  const close = () => api.close(modal.id);
  const submitBtn = v.submit ? h('button', { type: 'submit', class: 'btn primary', 'data-testid': 'modal-submit' }, v.submit.text) : null;
  form.append(
    h('header', { class: 'modal-head' },
      modal.canGoBack ? h('button', { type: 'button', class: 'icon', title: ctx.t('back'), onclick: close }, '←') : null,
      h('h2', { html: textObject(v.title, ctx.names) }),
      h('button', { type: 'button', class: 'icon', title: ctx.t('close'), onclick: close }, '✕')),
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
  return h('div', { class: 'overlay' }, form);
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
