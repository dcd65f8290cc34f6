import { t, type Locale, type MessageKey, type Params } from '../i18n/index.ts';

/** A refusal of bad input to the workspace itself (not to the bot), told in the person's language. */
export class LocalError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
  ) {
    super(key);
  }

  describe(locale: Locale): string {
    return t(locale, this.key, this.params);
  }
}

/** The bot refused a signed request: its own log says why; the page says that it did. */
export function checkAccepted(status: number): void {
  if (status >= 400) throw new LocalError('local.error.botRefused', { status });
}
