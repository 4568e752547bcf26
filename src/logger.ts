import { destination, type Logger, pino, stdTimeFunctions } from 'pino';

/**
 * Structured JSON logs on stdout (pino), written asynchronously; `flushLogger` on shutdown.
 * Request logs carry `reqId`; secrets in headers and bodies are redacted.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: stdTimeFunctions.isoTime,
      redact: ['req.headers.authorization', '*.password', '*.token', '*.refreshToken', '*.access_token'],
    },
    destination({ sync: false }),
  );
}

export function flushLogger(logger: Logger): void {
  logger.flush();
}
