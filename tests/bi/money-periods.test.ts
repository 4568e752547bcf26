import { describe, expect, it } from 'vitest';
import { applyRate, averageCents, toDecimalString } from '../../src/services/analytics/money.ts';
import { lastDays, monthRange, startOfLocalDay } from '../../src/services/analytics/periods.ts';

describe('BI money and calendar helpers', () => {
  it('rounds half up in exact integer arithmetic', () => {
    expect(applyRate(121510, 500)).toBe(6076); // 6075.5
    expect(applyRate(1234567, 500)).toBe(61728); // 61728.35
    expect(averageCents(20001, 4)).toBe(5000); // 5000.25
    expect(averageCents(10001, 2)).toBe(5001); // 5000.5
    expect(averageCents(5, 0)).toBe(0);
    expect(toDecimalString(9900)).toBe('99.00');
    expect(toDecimalString(5)).toBe('0.05');
  });
  it('starts days and months at local midnight, DST included', () => {
    expect(startOfLocalDay('2024-02-01', 'Asia/Shanghai')).toBe(Date.UTC(2024, 0, 31, 16));
    expect(monthRange('2024-12', 'Asia/Shanghai')).toEqual({ start: Date.UTC(2024, 10, 30, 16), end: Date.UTC(2024, 11, 31, 16) });
    // New York's spring-forward day is 23 h long
    const { bounds } = lastDays(2, 'America/New_York', Date.UTC(2024, 2, 10, 20));
    expect(bounds).toEqual([Date.UTC(2024, 2, 9, 5), Date.UTC(2024, 2, 10, 5), Date.UTC(2024, 2, 11, 4)]);
  });
});
