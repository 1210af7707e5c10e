import fc from 'fast-check';
import { formatClockTime, parseClockTime } from './clock-time';

/** What the regular expression alone accepts: the rule the fast "HH:MM" path must keep. */
function byPattern(value: string): number | 'refused' {
  if (value === '24:00' || value === '24:00:00') return 1440;
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::00)?$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : 'refused';
}

function parsed(value: string): number | 'refused' {
  try {
    return parseClockTime(value);
  } catch {
    return 'refused';
  }
}

describe('parseClockTime', () => {
  it('reads every minute of the day as "HH:MM" and "HH:MM:00", and 24:00 as the end of the day', () => {
    for (let minutes = 0; minutes < 1440; minutes++) {
      expect(parseClockTime(formatClockTime(minutes))).toBe(minutes);
      expect(parseClockTime(`${formatClockTime(minutes)}:00`)).toBe(minutes);
    }
    expect(parseClockTime('24:00')).toBe(1440);
  });

  it('refuses what is not a clock time', () => {
    for (const value of ['24:01', '25:00', '12:60', '1:30', '12-30', '12:3a', ' 9:00', '', '12:30:15'])
      expect(() => parseClockTime(value)).toThrow(RangeError);
  });

  it('answers as the regular expression does for every "??:??" over digits and a few others', () => {
    const alphabet = [...'0123456789:/a '];
    for (const a of alphabet)
      for (const b of alphabet)
        for (const c of alphabet)
          for (const d of alphabet) {
            const value = `${a}${b}:${c}${d}`;
            expect(parsed(value)).toBe(byPattern(value));
          }
  });

  it('answers as the regular expression does for any other short string', () => {
    const character = fc.constantFrom(...'0123456789:/a ');
    fc.assert(
      fc.property(fc.array(character, { minLength: 0, maxLength: 9 }), (characters) => {
        const value = characters.join('');
        expect(parsed(value)).toBe(byPattern(value));
      }),
    );
  });
});
