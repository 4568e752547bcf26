import { z } from 'zod';
import { PASSWORD_RULE } from '../../../services/identity/sessions.ts';

/** A department code and its display name (the Cretas app reads `departmentDisplayName ?? department`). */
export const departmentFields = {
  department: z
    .string()
    .nullable()
    .describe('stable department code: farming, processing, logistics, quality, management; null when uncoded')
    .meta({ example: 'processing' }),
  departmentDisplayName: z
    .string()
    .nullable()
    .describe("the code's display name, or the free text of an uncoded department")
    .meta({ example: '加工部门' }),
};

/** A department as a client sends it: a code, its display name, or free text (resolveDepartment). */
export const departmentInput = z
  .string()
  .trim()
  .max(100)
  .optional()
  .describe('a department code (farming, processing, logistics, quality, management), its display name, or free text')
  .meta({ example: 'processing' });

export const sessionUser = z
  .object({
    id: z.number().int().meta({ example: 12 }),
    username: z.string().nullable().meta({ example: 'processing_admin' }),
    userType: z.enum(['platform', 'factory', 'wechat']).meta({ example: 'factory' }),
    role: z.string().describe('role code (spec 002)').meta({ example: 'department_admin' }),
    roleCode: z.string().describe('the same role code, as the Cretas app reads it').meta({ example: 'department_admin' }),
    factoryId: z.string().nullable().meta({ example: 'TEST_2024_001' }),
    fullName: z.string().nullable().meta({ example: '加工部门管理员' }),
    ...departmentFields,
    permissions: z.array(z.string()).meta({ example: ['material_read', 'trace_write'] }),
  })
  .meta({ id: 'MobileUser' });

const accessToken = z.string().describe('JWT access token, 2 h').meta({ example: 'eyJhbGciOiJIUzI1NiJ9…' });
const refreshToken = z.string().describe('opaque, 30 days, rotated on each use').meta({ example: 'q3Jx…base64url' });
const expiresIn = z.number().int().describe('access-token lifetime, seconds').meta({ example: 7200 });

/**
 * A signed-in session: spec 002's `user`, `token`, `refreshToken`, and what the Cretas app reads
 * beside them (REAL-CLIENTS.md): `message` and `tokens`.
 */
export const sessionOutput = z.object({
  message: z.string().meta({ example: '登录成功' }),
  user: sessionUser,
  token: accessToken,
  refreshToken,
  expiresAt: z.number().int().describe('access-token expiry, epoch ms').meta({ example: 1767225600000 }),
  tokens: z.object({ token: accessToken, accessToken, refreshToken, expiresIn }).describe('the same tokens, as the Cretas app stores them'),
});

/** spec 002 §1.5's answer and the Cretas app's `tokens` (REAL-CLIENTS.md). */
export const refreshOutput = z.object({
  message: z.string().meta({ example: 'Token刷新成功' }),
  token: accessToken,
  refreshToken,
  expiresAt: z.number().int().describe('access-token expiry, epoch ms').meta({ example: 1767225600000 }),
  tokens: z.object({ accessToken, refreshToken, expiresIn }).describe('the same tokens, as the Cretas app stores them'),
});

export const deviceInfo = z.object({
  deviceId: z.string().trim().min(1).max(128).optional(),
  deviceModel: z.string().max(100).optional(),
  platform: z.string().max(32).optional(),
  osVersion: z.string().max(32).optional(),
});

export const deviceId = z.string().trim().min(1, 'deviceId缺失').max(128);
/** A missing (or null) field says so in Chinese, as for an empty one; other types keep zod's message. */
const missing = (message: string) => ({ error: (issue: { input?: unknown }) => (issue.input == null ? message : undefined) });
export const username = z.string(missing('用户名不能为空')).trim().min(1, '用户名不能为空').max(100);
export const password = z.string(missing('密码不能为空')).min(1, '密码不能为空').max(200);
/** A new password: spec 002 gives no rule; 8–64 characters with a letter and a digit. */
export const newPassword = z
  .string()
  .min(PASSWORD_RULE.min, `密码至少${PASSWORD_RULE.min}位`)
  .max(PASSWORD_RULE.max)
  .regex(PASSWORD_RULE.pattern, '密码须包含字母和数字')
  .meta({ example: 'Factory2026' });

export const deviceView = z
  .object({
    id: z.number().int(),
    deviceId: z.string(),
    deviceModel: z.string().nullable(),
    platform: z.string().nullable(),
    osVersion: z.string().nullable(),
    boundAt: z.number().int().describe('epoch ms'),
    lastLoginAt: z.number().int().nullable().describe('epoch ms'),
  })
  .meta({ id: 'Device' });

export const messageOutput = z.object({ message: z.string() });
