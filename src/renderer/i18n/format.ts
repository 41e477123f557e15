import { language, locale } from './index';

/**
 * Locale-aware formatting with Intl. Formatters are cached per language because the timeline
 * formats every row on each render.
 */
interface Formatters {
  time: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  clock: Intl.DateTimeFormat;
  percent: Intl.NumberFormat;
  seconds: Intl.NumberFormat;
  number: Intl.NumberFormat;
}

const cache = new Map<string, Formatters>();

/**
 * Two significant digits but at most two decimals (6.5 %, 0.05 %, 12 %, and 0.01 % rather than
 * 0.0052 %): enough to compare with the threshold at a glance. `roundingPriority` is ES2023.
 */
const percentOptions = {
  style: 'percent',
  maximumSignificantDigits: 2,
  maximumFractionDigits: 2,
  roundingPriority: 'lessPrecision',
} as Intl.NumberFormatOptions;

function formatters(): Formatters {
  const tag = locale(language.value);
  let f = cache.get(tag);
  if (!f) {
    f = {
      // 24-hour everywhere: the camera's own clock overlay is 24-hour, and the list must read the same.
      // Two-digit hours: Korean's `timeStyle` writes 9:00:00, which neither the overlay nor 15:00:00 below matches.
      time: new Intl.DateTimeFormat(tag, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
      dateTime: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }),
      clock: new Intl.DateTimeFormat(tag, { timeStyle: 'short', hourCycle: 'h23' }),
      percent: new Intl.NumberFormat(tag, percentOptions),
      seconds: new Intl.NumberFormat(tag, {
        style: 'unit',
        unit: 'second',
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      }),
      number: new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }),
    };
    cache.set(tag, f);
  }
  return f;
}

function isToday(date: Date): boolean {
  return date.toDateString() === new Date().toDateString();
}

/** Unix seconds → local time, with the date when it is not today. */
export function formatTime(ts: number): string {
  const date = new Date(ts * 1000);
  return (isToday(date) ? formatters().time : formatters().dateTime).format(date);
}

/** Unix seconds → the time of day only ("13:41:07"), for rows under a day's heading. */
export function formatTimeOfDay(ts: number): string {
  return formatters().time.format(new Date(ts * 1000));
}

/** A change score (percent of pixels) → "4.2%" in the UI language. */
export function formatPercent(value: number): string {
  return formatters().percent.format(value / 100);
}

/** Seconds → "3.5 sec" / "3.5초". */
export function formatSeconds(value: number): string {
  return formatters().seconds.format(value);
}

export function formatNumber(value: number): string {
  return formatters().number.format(value);
}

/** Unix seconds → hours and minutes ("13:41"), for spans such as an outage. */
export function formatClock(ts: number): string {
  return formatters().clock.format(new Date(ts * 1000));
}

/** Seconds → "3 h 12 min" / "3시간 12분" (days, hours and minutes; seconds under a minute). */
export function formatDuration(seconds: number): string {
  const tag = locale(language.value);
  const parts: [number, Intl.NumberFormatOptions['unit']][] = [
    [Math.floor(seconds / 86400), 'day'],
    [Math.floor((seconds % 86400) / 3600), 'hour'],
    [Math.floor((seconds % 3600) / 60), 'minute'],
  ];
  const shown = parts.filter(([n]) => n > 0).slice(0, 2);
  if (shown.length === 0) return formatSeconds(Math.round(seconds));
  return shown
    .map(([n, unit]) => new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'short' }).format(n))
    .join(' ');
}

/** Bytes → "1.2 GB" in the UI language. */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return new Intl.NumberFormat(locale(language.value), {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

/** Seconds into a clip → "0:07.3" (minutes, seconds and tenths; the same in every language). */
export function formatClipTime(seconds: number): string {
  const tenths = Math.max(0, Math.round(seconds * 10));
  const minutes = Math.floor(tenths / 600);
  const rest = (tenths % 600) / 10;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A day heading: "Friday, November 27, 2026" / "2026년 11월 27일 금요일", in the UI language. */
export function formatDay(ms: number): string {
  const tag = locale(language.value);
  let format = dayFormats.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { dateStyle: 'full' });
    dayFormats.set(tag, format);
  }
  return format.format(new Date(ms));
}
