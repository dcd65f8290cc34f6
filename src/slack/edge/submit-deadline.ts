import type { App, ReceiverEvent } from '@slack/bolt';
import { t, type Locale } from '../../i18n/index.ts';
import { plain, section, type Block } from '../blocks/kit.ts';
import { localeForUser, type SlackDeps } from '../support.ts';

/**
 * Slack waits 3 seconds for the answer to a form's submission, and a form answers with its
 * receipt or its field errors, so it is answered after saving. Under load saving can take
 * longer: then Bolt's own timeout answered first, the person saw an error, and the saved answer
 * failed with "ack called multiple times". Here a submission not answered within `afterMs` is
 * answered with a "saving…" view, and the real answer then replaces it through `views.update`:
 * the receipt, or the same form again with every typed value and the errors written at the top.
 */
export function installSubmitDeadline(app: App, deps: SlackDeps, afterMs = 2300): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body = event.body as Record<string, any> | null;
    if (body?.type !== 'view_submission' || typeof body.view?.id !== 'string') return processEvent(event);
    const original = event.ack;
    const viewId: string = body.view.id;
    let locale: Locale = deps.ctx.locale;
    // Read at once, beside the work, so the "saving…" view can be in the person's language.
    void localeForUser(deps, String(body.user?.id ?? '')).then((l) => (locale = l), () => undefined);
    let answered = false;
    let late: Promise<unknown> | undefined;
    const timer = setTimeout(() => {
      if (answered) return;
      answered = true;
      late = original({ response_action: 'update', view: workingView(locale) } as never).catch((err: unknown) => deps.logger.warn(`submit deadline: ${(err as Error).message}`));
    }, afterMs);
    timer.unref();
    const guarded: ReceiverEvent = {
      ...event,
      ack: async (response?: unknown) => {
        if (!answered) {
          answered = true;
          clearTimeout(timer);
          return original(response as never);
        }
        await late;
        const view = lateView(locale, body.view, response);
        await app.client.views.update({ view_id: viewId, view: view as never }).catch((err: unknown) => deps.logger.warn(`submit deadline: could not show the late answer: ${(err as Error).message}`));
      },
    };
    try {
      await processEvent(guarded);
    } finally {
      clearTimeout(timer);
    }
  };
}

function workingView(locale: Locale): Block {
  return { type: 'modal', title: plain(t(locale, 'core.working.title')), close: plain(t(locale, 'core.working.close')), blocks: [section(t(locale, 'core.working.text'))] };
}

/** What the answer would have shown, as a view to put in place of "saving…". */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function lateView(locale: Locale, submitted: Record<string, any>, response: unknown): Block {
  const r = (response ?? {}) as { response_action?: string; view?: Block; errors?: Record<string, string> };
  if ((r.response_action === 'update' || r.response_action === 'push') && r.view) return r.view;
  if (r.response_action === 'errors' && r.errors) return formAgain(locale, submitted, r.errors);
  return { type: 'modal', title: plain(t(locale, 'core.working.doneTitle')), close: plain(t(locale, 'core.working.close')), blocks: [section(t(locale, 'core.working.done'))] };
}

/** The submitted form with each typed value as its initial value, and the errors on top. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function formAgain(locale: Locale, v: Record<string, any>, errors: Record<string, string>): Block {
  const state = (v.state?.values ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const blocks = (v.blocks ?? []).map((b: any) => {
    const value = b.type === 'input' && b.element?.action_id ? state[b.block_id]?.[b.element.action_id] : undefined;
    return value ? { ...b, element: withInitial(b.element, value) } : b;
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const label = (field: string) => (v.blocks ?? []).find((b: any) => b.block_id === field)?.label?.text ?? field;
  const lines = Object.entries(errors).map(([field, message]) => `• *${label(field)}*: ${message}`);
  const notice = section(`${t(locale, 'core.working.errors')}\n${lines.join('\n')}`);
  const { id: _id, hash: _hash, state: _state, team_id: _team, app_id: _app, bot_id: _bot, root_view_id: _root, previous_view_id: _prev, app_installed_team_id: _inst, ...rest } = v;
  return { ...rest, blocks: [notice, ...blocks] };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function withInitial(element: any, s: Record<string, any>): any {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { initial_value, initial_option, initial_options, initial_date, initial_time, initial_user, initial_users, initial_conversation, ...e } = element;
  if (typeof s.value === 'string' && s.value !== '') return { ...e, initial_value: s.value };
  if (s.selected_option) return { ...e, initial_option: s.selected_option };
  if (Array.isArray(s.selected_options) && s.selected_options.length > 0) return { ...e, initial_options: s.selected_options };
  if (s.selected_date) return { ...e, initial_date: s.selected_date };
  if (s.selected_time) return { ...e, initial_time: s.selected_time };
  if (s.selected_user) return { ...e, initial_user: s.selected_user };
  if (Array.isArray(s.selected_users) && s.selected_users.length > 0) return { ...e, initial_users: s.selected_users };
  return e;
}
