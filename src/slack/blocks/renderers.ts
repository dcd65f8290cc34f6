import type { Locale } from '../../i18n/index.ts';
import type { RenderedMessage } from './kit.ts';

export interface RenderEnv {
  locale: Locale;
  timezone: string;
}

/** Turns a notice's plain data into a chat message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Renderer = (data: any, env: RenderEnv) => RenderedMessage;
export type Renderers = Record<string, Renderer>;
