/** views.* methods: modals (open/push/update) and App Home (publish). */
import { validateView } from './blocks.ts';
import { methods, type FakeState, type Handler } from './state.ts';
import { ApiError, str, withMessages, type FakeView } from './types.ts';

function newHash(s: FakeState): string {
  return `${Math.floor(Date.now() / 1000)}.${s.randomHex()}`;
}

function viewJson(s: FakeState, id: string, view: Record<string, any>, hash: string, stack: { root: string; previous: string | null }): any {
  return {
    ...view, id, team_id: s.teamId, hash, state: { values: {} }, blocks: view.blocks ?? [],
    private_metadata: view.private_metadata ?? '', callback_id: view.callback_id ?? '', external_id: view.external_id ?? '',
    root_view_id: stack.root, previous_view_id: stack.previous, app_id: 'A0FAKEAPP', bot_id: s.botId,
  };
}

function takeTrigger(s: FakeState, args: Record<string, any>): string | undefined {
  const trigger = str(args.trigger_id);
  if (!trigger || !s.triggers.has(trigger)) throw new ApiError('invalid_trigger_id');
  const user = s.triggers.get(trigger);
  s.triggers.delete(trigger);
  return user;
}

function checkExternalId(s: FakeState, view: Record<string, any>, self?: string): void {
  if (typeof view.external_id !== 'string' || view.external_id === '') return;
  for (const v of s.views.values()) {
    if (v.id !== self && v.view.external_id === view.external_id) throw new ApiError('duplicate_external_id');
  }
}

function storeModal(s: FakeState, args: Record<string, any>, pushOnto?: (user: string | undefined) => FakeView | undefined): Record<string, unknown> {
  const trigger = str(args.trigger_id);
  if (!trigger || !s.triggers.has(trigger)) throw new ApiError('invalid_trigger_id');
  const view = validateView(args.view, 'modal');
  checkExternalId(s, view);
  const user = takeTrigger(s, args);
  const id = s.nextId('V');
  const parent = pushOnto?.(user);
  const stack = { root: parent?.view.root_view_id ?? id, previous: parent?.id ?? null };
  const hash = newHash(s);
  const stored: FakeView = { id, trigger_id: trigger, view: viewJson(s, id, view, hash, stack), hash, kind: 'modal' };
  if (user !== undefined) stored.user = user;
  s.views.set(id, stored);
  return { view: stored.view };
}

const open: Handler = (s, args) => storeModal(s, args);

const push: Handler = (s, args) =>
  storeModal(s, args, (user) => {
    const top = [...s.views.values()].filter((v) => v.kind === 'modal' && v.user === user).pop();
    let depth = 0;
    for (let v = top; v; v = v.view.previous_view_id ? s.views.get(v.view.previous_view_id) : undefined) depth += 1;
    if (depth >= 3) throw new ApiError('push_limit_reached');
    return top;
  });

const update: Handler = (s, args) => {
  const viewId = str(args.view_id);
  const externalId = str(args.external_id);
  if (!viewId && !externalId) throw new ApiError('invalid_arguments', withMessages(['[ERROR] view_id or external_id is required']));
  const found = [...s.views.values()].find((v) => (viewId ? v.id === viewId : v.view.external_id === externalId));
  if (!found) throw new ApiError('not_found');
  if (str(args.hash) && args.hash !== found.hash) throw new ApiError('hash_conflict');
  const view = validateView(args.view, found.kind);
  checkExternalId(s, view, found.id);
  found.hash = newHash(s);
  found.view = viewJson(s, found.id, view, found.hash, { root: found.view.root_view_id, previous: found.view.previous_view_id });
  return { view: found.view };
};

const publish: Handler = (s, args) => {
  const user = str(args.user_id);
  if (!user) throw new ApiError('invalid_arguments', withMessages(['[ERROR] missing required field: user_id']));
  if (!s.users.has(user) && !/^[UW][A-Z0-9]+$/.test(user)) throw new ApiError('user_not_found');
  const key = `home:${user}`;
  const existing = s.views.get(key);
  if (existing && str(args.hash) && args.hash !== existing.hash) throw new ApiError('hash_conflict');
  const view = validateView(args.view, 'home');
  const id = existing?.id ?? s.nextId('V');
  const hash = newHash(s);
  const json = viewJson(s, id, view, hash, { root: id, previous: null });
  s.views.set(key, { id, user, view: json, hash, kind: 'home' });
  return { view: json };
};

/**
 * What Slack does with the bot's answer to a view_submission: `update` replaces the modal,
 * `push` stacks a new one on it, `clear` closes the whole stack, `errors` keeps it open, and
 * anything else closes the submitted view. Returns the modal now on top for that user, if any.
 */
export function applyViewResponse(s: FakeState, viewId: string, body: any): FakeView | undefined {
  const found = s.views.get(viewId);
  if (!found || found.kind !== 'modal') throw new ApiError('not_found');
  const stack = (v: FakeView | undefined): FakeView[] => (v ? [v, ...stack(v.view.previous_view_id ? s.views.get(v.view.previous_view_id) : undefined)] : []);
  switch (body?.response_action) {
    case 'errors':
      return found;
    case 'update': {
      const view = validateView(body.view, 'modal');
      found.hash = newHash(s);
      found.view = viewJson(s, found.id, view, found.hash, { root: found.view.root_view_id, previous: found.view.previous_view_id });
      return found;
    }
    case 'push': {
      if (stack(found).length >= 3) throw new ApiError('push_limit_reached');
      const view = validateView(body.view, 'modal');
      const id = s.nextId('V');
      const hash = newHash(s);
      const pushed: FakeView = { id, view: viewJson(s, id, view, hash, { root: found.view.root_view_id, previous: found.id }), hash, kind: 'modal' };
      if (found.user !== undefined) pushed.user = found.user;
      s.views.set(id, pushed);
      return pushed;
    }
    case 'clear':
      for (const v of stack(found)) v.closed = true;
      return undefined;
    default: {
      found.closed = true;
      const previous = found.view.previous_view_id ? s.views.get(found.view.previous_view_id) : undefined;
      return previous && !previous.closed ? previous : undefined;
    }
  }
}

export const viewMethods = methods('views', { open, push, update, publish });
