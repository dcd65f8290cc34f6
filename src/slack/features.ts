import type { App } from '@slack/bolt';
import type { Locale } from '../i18n/index.ts';
import type { Renderers } from './blocks/renderers.ts';
import type { SlackDeps } from './support.ts';
import * as core from './core/commands.ts';
import { actionLostCard, messageCard } from '../conversation/core/cards.ts';
import { NOT_SAVED_TEMPLATE } from '../domain/ack-journal.ts';
import { cardRenderers } from './render/index.ts';
import { rotationFeature } from './rotation/index.ts';
import { decisionsFeature } from './decisions/index.ts';
import { statisticsFeature } from './statistics/index.ts';
import { escalationsFeature } from './escalations/index.ts';
import { appendicesFeature, grantsFeature } from './agreement/index.ts';
import { termFeature } from './agreement/term.ts';
import { followupFeature } from './followup/index.ts';
import type { Markup } from '../conversation/markup.ts';

/** One feature's Slack side: its listeners, its lines in the help, its notice renderers. */
export interface SlackFeature {
  name: string;
  register(app: App, deps: SlackDeps): void;
  /** Its lines in `/samverkan hjälp`. */
  help?: (locale: Locale) => Markup;
  renderers?: Renderers;
  /** A member chose another language: redraw what the feature keeps on show for them. */
  onLanguageChanged?: LanguageHook;
}

export type LanguageHook = (client: App['client'], deps: SlackDeps, userId: string) => Promise<void>;

// Each feature adds itself here; core comes last so it can list every feature's help.
export const features: SlackFeature[] = [decisionsFeature, rotationFeature, statisticsFeature, escalationsFeature, appendicesFeature, grantsFeature, termFeature, followupFeature];

export const coreFeature = (all: SlackFeature[]): SlackFeature => ({
  name: 'core',
  register: (app, deps) => core.register(app, deps, all.flatMap((f) => (f.help ? [f.help] : [])), all.flatMap((f) => (f.onLanguageChanged ? [f.onLanguageChanged] : []))),
  renderers: cardRenderers({ 'core.message': messageCard, [NOT_SAVED_TEMPLATE]: actionLostCard }),
});
