/** What `openssl rand -base64 32` prints: a secret strong enough for production. */
export const STRONG = 'q3Vx9cJ1m0Zt7Rk2bW8yLs5PfHn4GdQe6aTuXoIvEiA=';

/** WeChat in live mode with its credentials, as production requires. */
const LIVE_WECHAT = { WECHAT_MODE: 'live', WECHAT_APPID: 'a', WECHAT_SECRET: 's' };

/** A production environment loadConfig accepts (src/config.ts): a strong JWT secret, live WeChat, no demo seed. */
export const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: STRONG, SEED_DEMO: 'false', ...LIVE_WECHAT };
