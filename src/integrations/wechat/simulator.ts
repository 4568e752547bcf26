import { createHash, randomInt } from 'node:crypto';
import type { SubscribeMessage, WechatApi } from './types.ts';
import { WechatError } from './types.ts';

/**
 * Development stand-in for WeChat (WECHAT_MODE=simulator, refused in production by config):
 * any code logs in as a stable openid derived from it (`sim` + 28 hex chars, inside spec 000's
 * 11–99 alphanumeric rule); the code `invalid` fails like WeChat's 40029. Sends always succeed.
 */
export class WechatSimulator implements WechatApi {
  async code2Session(code: string): Promise<{ openid: string }> {
    if (code === 'invalid') throw new WechatError(40029, 'invalid code');
    return { openid: `sim${createHash('sha256').update(code).digest('hex').slice(0, 28)}` };
  }

  async sendSubscribeMessage(_msg: SubscribeMessage): Promise<{ msgid: string }> {
    return { msgid: `${Date.now()}${randomInt(100000, 999999)}` };
  }

  async ping(): Promise<boolean> {
    return true;
  }
}
