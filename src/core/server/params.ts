import type { FrameBus } from '../frames/frame-bus';

/** A 4xx answer: status code and a one-line reason. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The bus named by `?camera=`, or the first (default) camera. */
export function pickBus(buses: FrameBus[], camera: unknown): FrameBus {
  if (camera === undefined) {
    if (!buses[0]) throw new HttpError(503, 'no camera configured');
    return buses[0];
  }
  const bus = buses.find((b) => b.camera === camera);
  if (!bus) throw new HttpError(404, `no camera named ${JSON.stringify(String(camera))}`);
  return bus;
}

/** `?fps=N` (or another rate named `name`): a positive number up to 60, or undefined for no cap. */
export function parseFps(value: unknown, name = 'fps'): number | null {
  if (value === undefined) return null;
  const fps = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(fps > 0 && fps <= 60))
    throw new HttpError(400, `${name} must be a number greater than 0 and at most 60`);
  return fps;
}

/** A positive integer id from a path or query parameter, else a 400 naming it. */
export function parseId(name: string, value: unknown): number {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value) || Number(value) < 1) {
    throw new HttpError(400, `${name} must be a positive integer`);
  }
  return Number(value);
}
