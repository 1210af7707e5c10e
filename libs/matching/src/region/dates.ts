/** Date and geometry helpers on plain values. Dates are ISO `YYYY-MM-DD`; day numbers count from 1970-01-01. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01, UTC) of an ISO date; throws RangeError on a malformed date. */
export function dayNumber(iso: string): number {
  if (isIsoShaped(iso))
    return civilDayNumber(iso, digitsAt(iso, 0, 4), digitsAt(iso, 5, 2), digitsAt(iso, 8, 2));
  // Not a YYYY-MM-DD string: the regular expression decides (it converts non-strings).
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`invalid date "${iso}": expected YYYY-MM-DD`);
  return civilDayNumber(iso, Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Whether `iso` is a string ISO_DATE matches, checked without the regular expression (hot path). */
function isIsoShaped(iso: string): boolean {
  if (typeof iso !== 'string' || iso.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const c = iso.charCodeAt(i);
    if (i === 4 || i === 7 ? c !== 45 /* - */ : c < 48 || c > 57 /* 0-9 */) return false;
  }
  return true;
}

/** Value of the n decimal digits of s from `from` on (checked by isIsoShaped). */
function digitsAt(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

function civilDayNumber(iso: string, y: number, mo: number, d: number): number {
  if (y < 100) {
    // Date.UTC maps years 0..99 to 1900..1999; keep that historical behaviour.
    const t = Date.UTC(y, mo - 1, d);
    const check = new Date(t);
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
      throw new RangeError(`invalid date "${iso}"`);
    return Math.round(t / 86_400_000);
  }
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)))
    throw new RangeError(`invalid date "${iso}"`);
  return daysFromCivil(y, mo, d);
}

function daysInMonth(y: number, mo: number): number {
  if (mo === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, mo: number, d: number): number {
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day number of `iso` plus `months` calendar months (day clamped to the month's last day). */
export function addMonthsDay(iso: string, months: number): number {
  dayNumber(iso);
  const y = Number(iso.slice(0, 4));
  const mo = Number(iso.slice(5, 7)) - 1 + months;
  const d = Number(iso.slice(8, 10));
  const ty = y + Math.floor(mo / 12);
  const tm = ((mo % 12) + 12) % 12;
  // Whole months from year 100 on: the same day as Date.UTC below, without Date objects.
  if (Number.isInteger(mo) && ty >= 100 && ty <= 100_000)
    return daysFromCivil(ty, tm + 1, Math.min(d, daysInMonth(ty, tm + 1)));
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(ty, tm, Math.min(d, last)) / 86_400_000);
}

/** Kept per day once computed: the rules' hot paths ask for the same few hundred days. */
const isoDays = new Map<number, string>();

export function isoFromDay(day: number): string {
  let iso = isoDays.get(day);
  if (iso === undefined) isoDays.set(day, (iso = new Date(day * 86_400_000).toISOString().slice(0, 10)));
  return iso;
}

/** Mean Earth radius (km) and degrees-to-radians factor used by greatCircleKm. */
export const EARTH_RADIUS_KM = 6371.0088;
export const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine, mean Earth radius). */
export function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return haversineKm(a.lat, a.lon, Math.cos(a.lat * RAD), b.lat, b.lon, Math.cos(b.lat * RAD));
}

/** greatCircleKm with the cosine of each latitude given (once per point when many distances share it). */
function haversineKm(
  aLat: number,
  aLon: number,
  aCosLat: number,
  bLat: number,
  bLon: number,
  bCosLat: number,
): number {
  const dLat = (bLat - aLat) * RAD;
  const dLon = (bLon - aLon) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + aCosLat * bCosLat * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * Many points' greatCircleKm to one place at a time (every teacher's home to a school): each
 * point's latitude cosine is computed once. The same distances as greatCircleKm.
 */
export class GeoPoints {
  private readonly lat: Float64Array;
  private readonly lon: Float64Array;
  private readonly cosLat: Float64Array;

  constructor(points: readonly { lat: number; lon: number }[]) {
    this.lat = Float64Array.from(points, (p) => p.lat);
    this.lon = Float64Array.from(points, (p) => p.lon);
    this.cosLat = this.lat.map((lat) => Math.cos(lat * RAD));
  }

  /** greatCircleKm(point i, `to`) into `out[i]`, for every point. */
  kmTo(to: { lat: number; lon: number }, out = new Float64Array(this.lat.length)): Float64Array {
    const toCosLat = Math.cos(to.lat * RAD);
    for (let i = 0; i < this.lat.length; i++)
      out[i] = haversineKm(this.lat[i], this.lon[i], this.cosLat[i], to.lat, to.lon, toCosLat);
    return out;
  }
}

export function formatClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export function weekdayName(weekday: number): string {
  return WEEKDAYS[weekday] ?? `day ${weekday}`;
}
