import { z } from 'zod';
import { PASSWORD_RULE } from '../../../services/identity/sessions.ts';

export const sessionUser = z.object({
  id: z.number().int(),
  username: z.string().nullable(),
  userType: z.enum(['platform', 'factory', 'wechat']),
  role: z.string(),
  factoryId: z.string().nullable(),
  fullName: z.string().nullable(),
  permissions: z.array(z.string()),
});

export const sessionOutput = z.object({
  user: sessionUser,
  token: z.string().describe('JWT access token, 2 h'),
  refreshToken: z.string().describe('opaque, 30 days, rotated on each use'),
  expiresAt: z.number().int().describe('access-token expiry, epoch ms'),
});

export const deviceInfo = z.object({
  deviceId: z.string().trim().min(1).max(128).optional(),
  deviceModel: z.string().max(100).optional(),
  platform: z.string().max(32).optional(),
  osVersion: z.string().max(32).optional(),
});

export const deviceId = z.string().trim().min(1, 'deviceId缺失').max(128);
export const username = z.string().trim().min(1, '用户名不能为空').max(100);
export const password = z.string().min(1, '密码不能为空').max(200);
/** A new password: spec 002 gives no rule; 8–64 characters with a letter and a digit. */
export const newPassword = z
  .string()
  .min(PASSWORD_RULE.min, `密码至少${PASSWORD_RULE.min}位`)
  .max(PASSWORD_RULE.max)
  .regex(PASSWORD_RULE.pattern, '密码须包含字母和数字');

export const deviceView = z.object({
  id: z.number().int(),
  deviceId: z.string(),
  deviceModel: z.string().nullable(),
  platform: z.string().nullable(),
  osVersion: z.string().nullable(),
  boundAt: z.number().int().describe('epoch ms'),
  lastLoginAt: z.number().int().nullable().describe('epoch ms'),
});

export const messageOutput = z.object({ message: z.string() });
