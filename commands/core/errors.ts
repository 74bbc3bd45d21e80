import type { MessageKey, MessageParams, ParamArgs } from './messages/catalog.js';
import type { DatumId } from './format.js';

/**
 * A problem with what the user typed; shown to them in their language. Never logged as a failure.
 * The parameters are checked against the message like `t()`'s; a parameter whose value is a `hint.*`
 * key is shown as that hint in the user's language.
 */
export class UserError extends Error {
  readonly code: MessageKey;
  readonly params: MessageParams;
  constructor(...[code, params]: UserErrorArgs) {
    super(code);
    this.name = 'UserError';
    this.code = code;
    this.params = params ?? {};
  }
}

/** `(code)` or `(code, params)`, one form per message. */
type UserErrorArgs = { [K in MessageKey]: [code: K, ...params: ParamArgs<K>] }[MessageKey];

/** No source could provide a datum (and no usable stale copy existed). Shown to users, named by datum. */
export class DataUnavailableError extends Error {
  readonly datum: DatumId;
  /** `source: reason` for every attempt, safe to show (no secrets, no query strings). */
  readonly attempts: readonly string[];
  constructor(datum: DatumId, attempts: readonly string[]) {
    super(`${datum} unavailable; tried ${attempts.join('; ')}`);
    this.name = 'DataUnavailableError';
    this.datum = datum;
    this.attempts = attempts;
  }
}
