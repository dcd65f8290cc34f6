import { formatDateTime, t, type MessageKey, type Params } from '../../i18n/index.ts';
import { NOT_SAVED_TEMPLATE, type ActionKind } from '../../domain/ack-journal.ts';
import type { Renderers } from './renderers.ts';
import { escapeMrkdwn, section } from './kit.ts';

/** A plain message from the catalogue: data { key, params }. Any feature may queue it. */
export const coreRenderers: Renderers = {
  'core.message': (data: { key: MessageKey; params?: Params }, env) => {
    const text = t(env.locale, data.key, data.params ?? {});
    return { text, blocks: [section(text)] };
  },
  /** An acknowledged action a crash cut off: its actor hears that it was not saved. */
  [NOT_SAVED_TEMPLATE]: (data: { kind: ActionKind; label: string; at: string }, env) => {
    const at = formatDateTime(env.locale, new Date(data.at), env.timezone);
    const kind = (['command', 'click', 'form', 'shortcut'] as const).includes(data.kind) ? data.kind : 'click';
    const label = kind === 'command' ? `\`${data.label.replace(/`/g, '')}\``
      : data.label ? t(env.locale, kind === 'form' ? 'core.actionLost.namedForm' : 'core.actionLost.named', { label: escapeMrkdwn(data.label) }) : '';
    const text = t(env.locale, `core.actionLost.${kind}`, { label, at });
    return { text, blocks: [section(text)] };
  },
};
