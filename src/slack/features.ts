import type { App } from '@slack/bolt';
import type { Locale } from '../i18n/index.ts';
import type { Renderers } from './blocks/renderers.ts';
import type { SlackDeps } from './support.ts';
import * as core from './core/commands.ts';
import { coreRenderers } from './blocks/core-renderers.ts';
import { rotationFeature } from './rotation/index.ts';
import { decisionsFeature } from './decisions/index.ts';
import { statisticsFeature } from './statistics/index.ts';
import { escalationsFeature } from './escalations/index.ts';
import { grantsFeature } from './agreement/index.ts';

/** One feature's Slack side: its listeners, its lines in the help, its notice renderers. */
export interface SlackFeature {
  name: string;
  register(app: App, deps: SlackDeps): void;
  help?: (locale: Locale) => string;
  renderers?: Renderers;
}

// Each feature adds itself here; core comes last so it can list every feature's help.
export const features: SlackFeature[] = [decisionsFeature, rotationFeature, statisticsFeature, escalationsFeature, grantsFeature];

export const coreFeature = (all: SlackFeature[]): SlackFeature => ({
  name: 'core',
  register: (app, deps) => core.register(app, deps, all.flatMap((f) => (f.help ? [f.help] : []))),
  renderers: coreRenderers,
});
