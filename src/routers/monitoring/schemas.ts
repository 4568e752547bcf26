import type { Meta } from '../../edge/meta.ts';

/** What spec 000's call statistics share: platform admins with the monitoring permission, one message. */
export const statsAccess = { message: '查询成功', permission: 'platform_monitoring' } satisfies Partial<Meta>;
