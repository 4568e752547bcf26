/** What tracehub needs of an SMS provider: send one text to one mainland number. */
export interface SmsSender {
  /**
   * Sends `text` to `phone` (E.164, `+86…`).
   * @returns the provider's message id.
   * @throws SmsError when the provider refuses or cannot be reached.
   */
  send(phone: string, text: string): Promise<{ messageId: string }>;
}

export class SmsError extends Error {
  override name = 'SmsError';
  constructor(
    message: string,
    /** The provider's HTTP status, 0 for network failures. */
    readonly status: number,
  ) {
    super(message);
  }
}
