import { solveRegion } from '../region/solve-region';
import { syntheticRegion } from '../testing/synthetic';
import { shortageSignals, withOneMoreDay } from './shortage';

describe('shortageSignals', () => {
  const { teachers, requests } = syntheticRegion({
    seed: 5,
    teachers: 30,
    requests: 45,
    travelScale: 1,
    subjects: 4,
  });
  const signals = shortageSignals(teachers, requests);
  const filled = (ts: typeof teachers) => solveRegion(ts, requests, { explain: false }).totals;

  it('a profile signal gains exactly what adding that teacher and re-solving gains', () => {
    expect(signals.profiles.length).toBeGreaterThan(0);
    const base = filled(teachers);
    expect(signals.baseline).toEqual({ minutesFilled: base.minutesFilled, blocksFilled: base.blocksFilled });
    for (const signal of signals.profiles.slice(0, 3)) {
      const after = filled([...teachers, signal.teacher]);
      expect(signal.minutesGained).toBe(after.minutesFilled - base.minutesFilled);
      expect(signal.blocksGained).toBe(after.blocksFilled - base.blocksFilled);
      expect(signal.teacher.windows).toEqual([{ weekday: signal.weekday, start: 480, end: 1080 }]);
    }
    const gains = signals.profiles.map((p) => p.minutesGained);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
  });

  it('a staff signal gains exactly what one more released day for that teacher gains', () => {
    expect(signals.staff.length).toBeGreaterThan(0);
    const base = filled(teachers);
    for (const signal of signals.staff.slice(0, 3)) {
      const after = filled(teachers.map((t) => (t.id === signal.teacherId ? withOneMoreDay(t) : t)));
      expect(signal.minutesGained).toBe(after.minutesFilled - base.minutesFilled);
      expect(signal.minutesGained).toBeGreaterThan(0);
    }
  });
});
