/**
 * Calendar arithmetic in an IANA time zone for BI periods: days and months start at local
 * midnight in config TIME_ZONE, whatever the server's own zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(ms: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return { y: +parts.year!, m: +parts.month!, d: +parts.day!, h: +parts.hour!, min: +parts.minute!, s: +parts.second! };
}

/** Offset of the zone from UTC at an instant, ms (Asia/Shanghai: +8 h). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(ms / 1000) * 1000;
}

/** The local calendar date of an instant, `YYYY-MM-DD`. */
export function localDate(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${w.y}-${String(w.m).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
}

/** Epoch ms of local midnight starting `date` (`YYYY-MM-DD`) in the zone (DST-safe). */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/** `YYYY-MM-DD` plus `n` days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The `days` local calendar days ending today: dates and the half-open [start, end) in ms. */
export function lastDays(days: number, timeZone: string, now: number): { dates: string[]; bounds: number[] } {
  const today = localDate(now, timeZone);
  const first = addDays(today, -(days - 1));
  const dates = Array.from({ length: days }, (_, i) => addDays(first, i));
  const bounds = [...dates, addDays(today, 1)].map((d) => startOfLocalDay(d, timeZone));
  return { dates, bounds };
}

/** `YYYY-MM` of the instant in the zone. */
export function localMonth(ms: number, timeZone: string): string {
  return localDate(ms, timeZone).slice(0, 7);
}

/** Half-open [start, end) in ms of a local calendar month `YYYY-MM`. */
export function monthRange(month: string, timeZone: string): { start: number; end: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { start: startOfLocalDay(`${month}-01`, timeZone), end: startOfLocalDay(next, timeZone) };
}

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

/**
 * The zone's offset changes inside the half-open span of local days `bounds` (as `lastDays`
 * returns): `at` is the first instant of a new offset and `shift` the offset then minus the
 * offset at `bounds[0]`, ms. Empty for a zone without DST in the span. Lets SQL turn an instant
 * into a local day index with plain integer arithmetic:
 * `(t - bounds[0] + shiftAt(t)) / 86400000` (every local day is 24 wall-clock hours).
 * A day whose length is not 24 h holds a shift; its instant is found to the quarter hour.
 */
export function offsetShifts(bounds: number[], timeZone: string): { at: number; shift: number }[] {
  const out: { at: number; shift: number }[] = [];
  let shift = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i]!;
    const to = bounds[i + 1]!;
    if (to - from === DAY_MS) continue;
    shift += DAY_MS - (to - from);
    const after = offsetAt(to, timeZone);
    // first quarter hour in (from, to] whose offset is the new one
    let lo = 0;
    let hi = Math.ceil((to - from) / QUARTER_HOUR_MS);
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsetAt(from + (mid + 1) * QUARTER_HOUR_MS, timeZone) === after) hi = mid;
      else lo = mid + 1;
    }
    out.push({ at: Math.min(to, from + (lo + 1) * QUARTER_HOUR_MS), shift });
  }
  return out;
}

const HOUR_MS = 3_600_000;

/**
 * True when every instant is a whole UTC hour (ms): then each local day or month between them,
 * and each piece between DST shifts, is a union of whole UTC hours and can be read from hourly
 * rollups. Holds in every zone whose offsets are whole hours (Asia/Shanghai, America/New_York);
 * false in zones such as Asia/Kolkata (+5:30).
 */
export function hourAligned(...instants: number[]): boolean {
  return instants.every((t) => t % HOUR_MS === 0);
}

type Span = [number, number];

/** Splits [start, end) at multiples of `unit` ms: the whole units inside it and the at most two pieces outside them. */
function splitAt(start: number, end: number, unit: number): { whole: Span; rest: Span[] } {
  const from = Math.ceil(start / unit) * unit;
  const to = Math.floor(end / unit) * unit;
  if (from >= to) return { whole: [from, from], rest: start < end ? [[start, end]] : [] };
  return {
    whole: [from, to],
    rest: (
      [
        [start, from],
        [to, end],
      ] as Span[]
    ).filter(([a, b]) => a < b),
  };
}

/**
 * Splits the half-open span [start, end) (ms) for the rollups: `days` is the [from, to) of the
 * whole UTC days inside it (empty when from ≥ to), `hours` the whole UTC hours of the at most two
 * pieces outside them, `edges` what remains (less than an hour each; none when both ends are
 * whole hours). Together they cover the span exactly once.
 */
export function splitUtcBuckets(start: number, end: number): { days: Span; hours: Span[]; edges: Span[] } {
  const { whole, rest } = splitAt(start, end, DAY_MS);
  const pieces = rest.map(([a, b]) => splitAt(a, b, HOUR_MS));
  return {
    days: whole,
    hours: pieces.map((p) => p.whole).filter(([a, b]) => a < b),
    edges: pieces.flatMap((p) => p.rest),
  };
}
