import type { MessageKey, Params } from '../i18n/index.ts';

/**
 * A refusal the user should read: carries a message key, never prose, so every adapter
 * renders it in the user's language. `field` names the form field it belongs to, if any.
 */
export class DomainError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
    readonly field?: string,
  ) {
    super(key);
  }
}

/** Several field errors at once (form validation). */
export class ValidationErrors extends Error {
  constructor(readonly errors: Array<{ field: string; key: MessageKey; params?: Params }>) {
    super(errors.map((e) => `${e.field}: ${e.key}`).join(', '));
  }
}
