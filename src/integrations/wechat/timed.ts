import type { Histogram } from 'prom-client';
import type { WechatApi } from './types.ts';

/**
 * Wraps a WechatApi so that each server API call is observed by the `wechat_call_duration_seconds`
 * histogram, labelled by API (`jscode2session`, `subscribe_send`) and outcome (ok, error).
 */
export function withWechatTiming(api: WechatApi, histogram: Histogram<'api' | 'outcome'>): WechatApi {
  const timed =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const end = histogram.startTimer({ api: name });
      try {
        const result = await fn(...args);
        end({ outcome: 'ok' });
        return result;
      } catch (err) {
        end({ outcome: 'error' });
        throw err;
      }
    };
  return {
    code2Session: timed('jscode2session', api.code2Session.bind(api)),
    sendSubscribeMessage: timed('subscribe_send', api.sendSubscribeMessage.bind(api)),
    ping: api.ping.bind(api),
  };
}
