/**
 * Live-picture rates the kiosk's own screen asks of the server (`/stream.mjpg?fps=&stillFps=`); remote
 * browsers take every frame.
 * Measured in docs/benchmarks.md ("Eleventh session").
 */
export const kioskRates = {
  /** Frames a second on a screen up to 1024×600 (the 7-inch panels): enough to follow a person walking. */
  fps: 8,
  /** Frames a second on a larger screen. */
  largeScreenFps: 15,
  /** Frames a second while the scene is still: a camera's clock overlay still ticks each second. */
  stillFps: 1,
} as const;
