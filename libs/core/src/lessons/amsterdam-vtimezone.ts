/**
 * The VTIMEZONE of Europe/Amsterdam as RFC 5545 describes it: CET (UTC+1) in winter, CEST (UTC+2)
 * from the last Sunday of March 02:00 to the last Sunday of October 03:00 (EU rules since 1996).
 * Calendar clients (Google, Outlook, Apple) read the TZID and these rules; local times in the
 * feed are then Amsterdam wall-clock times, right on both sides of every change.
 */
export function amsterdamVtimezone(tzid: string): string {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    'X-LIC-LOCATION:Europe/Amsterdam',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}
