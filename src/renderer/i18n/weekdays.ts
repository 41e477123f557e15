import { language, locale } from './index';

/** `Intl.Locale` week data: a method in current Chromium, a getter in older engines. */
interface WeekInfoLocale {
  getWeekInfo?: () => { firstDay: number };
  weekInfo?: { firstDay: number };
}

/** The locale's first day of the week as 0 (Sunday) to 6; Monday where the engine has no week data. */
function firstDay(): number {
  const tag = locale(language.value);
  try {
    const info = new Intl.Locale(tag) as unknown as WeekInfoLocale;
    // Intl counts 1 = Monday … 7 = Sunday.
    return (info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay ?? 1) % 7;
  } catch {
    return 1;
  }
}

/** The seven days as 0 (Sunday) to 6, in the order the UI language's region writes a week. */
export function weekOrder(): number[] {
  const first = firstDay();
  return Array.from({ length: 7 }, (_, i) => (first + i) % 7);
}

/** Day 0 (Sunday) to 6 → its name in the UI language: "Mon"/"월" (`short`) or "Monday"/"월요일" (`long`). */
export function weekdayName(day: number, width: 'short' | 'long'): string {
  // 1 January 2023 was a Sunday.
  return new Intl.DateTimeFormat(locale(language.value), { weekday: width }).format(
    new Date(2023, 0, 1 + day),
  );
}

/** Unix seconds → "07:00" when it is today, else with the weekday: "Mon 07:00" / "(월) 07:00". */
export function formatWeekClock(ts: number): string {
  const date = new Date(ts * 1000);
  const today = date.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(locale(language.value), {
    ...(today ? {} : { weekday: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}
