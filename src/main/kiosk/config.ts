import { z } from 'zod';

const argv = z
  .array(z.string().min(1))
  .min(1, 'needs the program and its arguments, e.g. ["vcgencmd", "display_power", "0"]');

/**
 * The `kiosk` section of the JSON config file (`--config FILE`). Everything else in that file belongs to the core.
 * Only the Electron kiosk reads it; the headless server ignores it.
 */
export const kioskConfigSchema = z
  .object({
    /** Hide the mouse cursor in the kiosk window (touchscreens). Default false. */
    hideCursor: z.boolean().default(false),
    /**
     * Hash of the exit PIN as printed by `node scripts/hash-pin.mjs`. Default null: exit-to-desktop is disabled
     * (the kiosk can then only be stopped from outside, e.g. over SSH).
     */
    pinHash: z
      .string()
      .regex(
        /^scrypt\$\d{1,6}\$\d{1,2}\$\d{1,2}\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
        'not a hash from scripts/hash-pin.mjs',
      )
      .nullable()
      .default(null),
    /** Seconds without touch or motion before the display sleeps; 0 = never. Default 300. */
    sleepAfter: z.number().min(0).max(86_400).default(300),
    /**
     * Commands (argument arrays, run without a shell) that switch the panel off and on, e.g.
     * `{ "off": ["wlr-randr", "--output", "HDMI-A-1", "--off"], "on": ["wlr-randr", "--output", "HDMI-A-1", "--on"] }`.
     * Default null: the display is dimmed by a black overlay instead.
     */
    displayPower: z.object({ off: argv, on: argv }).strict().nullable().default(null),
  })
  .strict();

export type KioskConfig = z.infer<typeof kioskConfigSchema>;

/** Validates the config file's `kiosk` section (undefined = all defaults). Throws naming the bad field. */
export function parseKioskConfig(section: unknown): KioskConfig {
  const result = kioskConfigSchema.safeParse(section ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`config: kiosk.${issue.path.join('.')}: ${issue.message}`);
}
