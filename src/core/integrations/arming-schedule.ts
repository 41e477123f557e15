import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (00:00 to 23:59)');

/** A weekly window: on these days (0 = Sunday), from `from` to `to` local time; `to` before `from` runs past midnight. */
export const armingWindowSchema = z
  .object({
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    from: clock,
    to: clock,
  })
  .strict();

export type ArmingWindow = z.infer<typeof armingWindowSchema>;

/**
 * When detection is armed and when notifications go out. An empty list means "always".
 * Defaults: both empty.
 */
export const armingScheduleSchema = z
  .object({
    /** Detection runs only inside these windows. Default [] (always). */
    detection: z.array(armingWindowSchema).max(32),
    /** Webhooks and push go out only inside these windows; outside are quiet hours. Default [] (always). */
    notifications: z.array(armingWindowSchema).max(32),
  })
  .strict();

export type ArmingSchedule = z.infer<typeof armingScheduleSchema>;

export const emptySchedule: ArmingSchedule = { detection: [], notifications: [] };

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when `date` (local time) falls in one of the windows, or when there are none. */
export function inSchedule(windows: ArmingWindow[], date: Date): boolean {
  if (windows.length === 0) return true;
  const day = date.getDay();
  const now = date.getHours() * 60 + date.getMinutes();
  return windows.some((w) => {
    const from = minutes(w.from);
    const to = minutes(w.to);
    if (from === to) return w.days.includes(day);
    if (from < to) return w.days.includes(day) && now >= from && now < to;
    // Past midnight: the evening part belongs to the listed day, the morning part to the day after.
    const yesterday = (day + 6) % 7;
    return (w.days.includes(day) && now >= from) || (w.days.includes(yesterday) && now < to);
  });
}

/**
 * When `inSchedule(windows, ·)` next changes after `now`, or null when it never does (no windows, or always
 * inside). Only window edges can change it, so those of the next eight days are tried in order.
 */
export function nextEdge(windows: ArmingWindow[], now: Date): Date | null {
  if (windows.length === 0) return null;
  const inside = inSchedule(windows, now);
  const edges: Date[] = [];
  for (let offset = 0; offset <= 8; offset++) {
    for (const w of windows) {
      for (const hhmm of [w.from, w.to]) {
        const edge = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset, 0, minutes(hhmm));
        if (edge > now) edges.push(edge);
      }
    }
  }
  edges.sort((a, b) => a.getTime() - b.getTime());
  return edges.find((edge) => inSchedule(windows, edge) !== inside) ?? null;
}
