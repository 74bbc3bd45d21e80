import type { MessageKey, MessageParams } from './messages.js';

/** A problem with what the user typed; shown to them in their language. Never logged as a failure. */
export class UserError extends Error {
  readonly code: MessageKey;
  readonly params: MessageParams;
  constructor(code: MessageKey, params: MessageParams = {}) {
    super(code);
    this.name = 'UserError';
    this.code = code;
    this.params = params;
  }
}

/** No source could provide a datum (and no usable stale copy existed). Shown to users, named by datum. */
export class DataUnavailableError extends Error {
  readonly datum: string;
  /** `source: reason` for every attempt, safe to show (no secrets, no query strings). */
  readonly attempts: readonly string[];
  constructor(datum: string, attempts: readonly string[]) {
    super(`${datum} unavailable; tried ${attempts.join('; ')}`);
    this.name = 'DataUnavailableError';
    this.datum = datum;
    this.attempts = attempts;
  }
}
