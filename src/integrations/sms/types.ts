/**
 * The templates tracehub sends. Providers in mainland China deliver only templates approved in
 * their console, so a message is a template name plus its variables, never free text. `params`
 * lists the variables in order: Alibaba Cloud gets them by name (`${code}`), Tencent Cloud by
 * position (`{1}`); `preview` is the text the log sender writes in place of sending, `{name}`
 * standing for a variable.
 */
export const SMS_TEMPLATES = {
  /** Spec 002 §1.2 verification codes (registration, login, password reset): one variable, the 6-digit code. */
  verification_code: {
    params: ['code'],
    preview: '您的验证码为 {code}，请勿泄露给他人。如非本人操作请忽略。',
  },
} as const;

export type SmsTemplate = keyof typeof SMS_TEMPLATES;

/** The variables of template `T`, by name, as strings (both providers take string values only). */
export type SmsTemplateParams<T extends SmsTemplate> = Record<(typeof SMS_TEMPLATES)[T]['params'][number], string>;

/** What tracehub needs of an SMS provider: send one approved template to one mainland number. */
export interface SmsSender {
  /**
   * Sends template `template` with `params` to `phone` (E.164, `+86…`).
   * @returns the provider's id of the message (Alibaba `BizId`, Tencent `SerialNo`).
   * @throws SmsError when the provider refuses or cannot be reached; `kind` says why.
   */
  send<T extends SmsTemplate>(phone: string, template: T, params: SmsTemplateParams<T>): Promise<{ messageId: string }>;
}

/**
 * Why a send failed, whatever the provider:
 * - `throttled`: the provider's frequency limits (per number per minute/hour/day, per app per day);
 * - `invalid_number`: the number cannot be an SMS recipient (format, unsupported region);
 * - `template_not_approved`: sign name or template unknown, unapproved, or its variables do not match;
 * - `auth_failed`: credentials unknown, disabled, wrongly signed, or not allowed this API/app;
 * - `out_of_service`: the account cannot send (balance or package exhausted, suspended, not activated);
 * - `rejected`: the provider refused this message (recipient on a do-not-disturb list, blocked content);
 * - `unavailable`: network failure, timeout, provider-side error or an answer that makes no sense.
 */
export type SmsErrorKind =
  | 'throttled'
  | 'invalid_number'
  | 'template_not_approved'
  | 'auth_failed'
  | 'out_of_service'
  | 'rejected'
  | 'unavailable';

export class SmsError extends Error {
  override name = 'SmsError';
  constructor(
    readonly kind: SmsErrorKind,
    message: string,
    /** What the provider said, for the log: its error code, request id and HTTP status when there was one. */
    readonly provider: { name: 'aliyun' | 'tencent'; code?: string; requestId?: string; httpStatus?: number },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Renders the would-be text of a template (log sender, tests). */
export function previewSms<T extends SmsTemplate>(template: T, params: SmsTemplateParams<T>): string {
  const values: Record<string, string> = params;
  return SMS_TEMPLATES[template].preview.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
