import type { Migration } from 'kysely';
import * as core from './2026-11-21-001-core.ts';
import * as mini from './2026-11-21-002-mini.ts';
import * as refreshTokens from './2026-11-21-003-refresh-tokens.ts';
import * as mobile from './2026-11-21-010-mobile.ts';
import * as admin from './2026-11-21-020-admin.ts';
import * as traces from './2026-11-21-030-traces.ts';
import * as bi from './2026-11-21-040-bi.ts';
import * as biIndexes from './2026-11-21-041-bi-indexes.ts';
import * as biRollups from './2026-11-21-042-bi-rollups.ts';
import * as loginLockout from './2026-12-01-001-login-lockout.ts';
import * as metricBuckets from './2026-12-01-002-metric-buckets.ts';
import * as erpDeliveries from './2026-12-03-001-erp-deliveries.ts';
import * as orderNotifications from './2026-12-03-002-order-notifications.ts';
import * as oauthClients from './2026-12-10-001-oauth-clients.ts';
import * as departmentCodes from './2026-12-10-002-department-codes.ts';
import * as tokenEpoch from './2026-12-11-001-token-epoch.ts';
import * as housekeepingIndexes from './2026-12-11-002-housekeeping-indexes.ts';
import * as apiCallHours from './2026-12-11-003-api-call-hours.ts';
import * as smelter from './2026-12-11-004-smelter.ts';
import * as gs1Identifiers from './2026-12-12-010-gs1-identifiers.ts';
import * as epcisEvents from './2026-12-12-020-epcis-events.ts';
import * as recalls from './2026-12-12-030-recalls.ts';
import * as signingKeys from './2026-12-12-040-signing-keys.ts';
import * as publicAssays from './2026-12-12-050-public-assays.ts';
import * as biVersions from './2026-12-12-060-bi-versions.ts';
import * as pgOrderRollups from './2026-12-12-070-pg-order-rollups.ts';
import * as listingIndexes from './2026-12-12-080-listing-indexes.ts';
import * as customerGaps from './2026-12-12-090-customer-gaps.ts';
import * as customerLastHours from './2026-12-12-091-customer-last-hours.ts';
import * as customerSpend from './2026-12-12-092-customer-spend.ts';
import * as productHours from './2026-12-12-093-product-hours.ts';
import * as customerSpendFourth from './2026-12-12-094-customer-spend-fourth.ts';

/**
 * Every migration, in order. A static list (not a directory scan) so that bundlers, tsx and
 * vitest all see the same set. Add new files here with a dated name.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-21-001-core': core,
  '2026-11-21-002-mini': mini,
  '2026-11-21-003-refresh-tokens': refreshTokens,
  '2026-11-21-010-mobile': mobile,
  '2026-11-21-030-traces': traces,
  '2026-11-21-020-admin': admin,
  '2026-11-21-040-bi': bi,
  '2026-11-21-041-bi-indexes': biIndexes,
  '2026-11-21-042-bi-rollups': biRollups,
  '2026-12-01-001-login-lockout': loginLockout,
  '2026-12-01-002-metric-buckets': metricBuckets,
  '2026-12-03-001-erp-deliveries': erpDeliveries,
  '2026-12-03-002-order-notifications': orderNotifications,
  '2026-12-10-001-oauth-clients': oauthClients,
  '2026-12-10-002-department-codes': departmentCodes,
  '2026-12-11-001-token-epoch': tokenEpoch,
  '2026-12-11-002-housekeeping-indexes': housekeepingIndexes,
  '2026-12-11-003-api-call-hours': apiCallHours,
  '2026-12-11-004-smelter': smelter,
  '2026-12-12-010-gs1-identifiers': gs1Identifiers,
  '2026-12-12-020-epcis-events': epcisEvents,
  '2026-12-12-030-recalls': recalls,
  '2026-12-12-040-signing-keys': signingKeys,
  '2026-12-12-050-public-assays': publicAssays,
  '2026-12-12-060-bi-versions': biVersions,
  '2026-12-12-070-pg-order-rollups': pgOrderRollups,
  '2026-12-12-080-listing-indexes': listingIndexes,
  '2026-12-12-090-customer-gaps': customerGaps,
  '2026-12-12-091-customer-last-hours': customerLastHours,
  '2026-12-12-092-customer-spend': customerSpend,
  '2026-12-12-093-product-hours': productHours,
  '2026-12-12-094-customer-spend-fourth': customerSpendFourth,
};
