/**
 * Upper bounds (ms) of the fixed latency histogram kept with every call bucket; the last bucket
 * (h11) holds everything slower than 10 s. The same bounds, in seconds, label the Prometheus
 * histograms, so both views agree.
 */
export const LATENCY_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;
export type HistogramKey = `h${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11}`;
export const HISTOGRAM_KEYS = Array.from({ length: LATENCY_BOUNDS_MS.length + 1 }, (_, i) => `h${i}` as HistogramKey);

/** The histogram bucket index of a duration (ms). */
export function histogramIndex(ms: number): number {
  for (let i = 0; i < LATENCY_BOUNDS_MS.length; i++) if (ms <= LATENCY_BOUNDS_MS[i]!) return i;
  return LATENCY_BOUNDS_MS.length;
}

/** Count, sum (ms), max (ms) and histogram of the calls that fell in one bucket. */
export interface Aggregate {
  calls: number;
  sumMs: number;
  maxMs: number;
  histogram: number[];
}

/** A fresh aggregate: no calls, every histogram bucket 0. */
export const emptyAggregate = (): Aggregate => ({ calls: 0, sumMs: 0, maxMs: 0, histogram: new Array(HISTOGRAM_KEYS.length).fill(0) });

/** Adds one call of `ms` to an aggregate, in place. */
export function addCall(a: Aggregate, ms: number): void {
  a.calls++;
  a.sumMs += ms;
  if (ms > a.maxMs) a.maxMs = ms;
  a.histogram[histogramIndex(ms)]!++;
}

export const MINUTE_MS = 60_000;
/** The start (epoch ms) of the UTC minute holding `ts` (epoch ms): a bucket's key. */
export const minuteOf = (ts: number) => ts - (ts % MINUTE_MS);
