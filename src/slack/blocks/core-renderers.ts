import { t, type MessageKey, type Params } from '../../i18n/index.ts';
import type { Renderers } from './renderers.ts';
import { section } from './kit.ts';

/** A plain message from the catalogue: data { key, params }. Any feature may queue it. */
export const coreRenderers: Renderers = {
  'core.message': (data: { key: MessageKey; params?: Params }, env) => {
    const text = t(env.locale, data.key, data.params ?? {});
    return { text, blocks: [section(text)] };
  },
};
