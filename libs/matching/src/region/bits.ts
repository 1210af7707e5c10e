/** Number of set bits of a 32-bit word (weekday masks, teacher bit rows). */
export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * A weekly slot in one integer: weekday << 22 | start << 11 | end (minutes 0..1440 fit in 11
 * bits). Used where blocks are compared or scanned in hot loops without looking them up.
 */
export function packSlot(weekday: number, start: number, end: number): number {
  return (weekday << 22) | (start << 11) | end;
}

export const slotDay = (slot: number): number => slot >> 22;
export const slotStart = (slot: number): number => (slot >> 11) & 2047;
export const slotEnd = (slot: number): number => slot & 2047;
