import { z } from 'zod';

/** The tokens of a back-office session (spec 001, and its later refresh token, REAL-CLIENTS.md). */
export const accessToken = z.string().describe('JWT access token, 24 h').meta({ example: 'eyJhbGciOiJIUzI1NiJ9…' });
export const refreshToken = z
  .string()
  .describe('opaque, 30 days, rotated by POST /api/refresh-token; reuse of a spent one revokes its family')
  .meta({ example: 'q3Jx…base64url' });
export const expiresIn = z.number().int().describe('access-token lifetime, seconds').meta({ example: 86400 });
