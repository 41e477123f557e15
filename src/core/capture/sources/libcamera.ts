/** One sensor mode listed by `rpicam-hello --list-cameras`. */
export interface LibcameraMode {
  format: string;
  width: number;
  height: number;
  fps: number;
}

/** One camera listed by `rpicam-hello --list-cameras`. */
export interface LibcameraInfo {
  index: number;
  sensor: string;
  width: number;
  height: number;
  /** Device tree path, e.g. `/base/soc/i2c0mux/i2c@1/imx708@1a`. */
  path: string;
  modes: LibcameraMode[];
}

const CAMERA = /^\s*(\d+)\s*:\s*(\S+)\s*\[(\d+)x(\d+)[^\]]*\]\s*\(([^)]*)\)/;
const MODES = /^\s*(?:Modes:)?\s*'([^']+)'\s*:(.*)$/;
const MODE = /(\d+)x(\d+)\s*\[([\d.]+)\s*fps/g;

/** Parses `rpicam-hello --list-cameras` (or `libcamera-hello`); empty for "No cameras available!". */
export function parseCameraList(output: string): LibcameraInfo[] {
  const cameras: LibcameraInfo[] = [];
  let format = '';
  for (const line of output.split('\n')) {
    const camera = CAMERA.exec(line);
    if (camera) {
      const [, index, sensor, width, height, path] = camera;
      cameras.push({
        index: Number(index),
        sensor,
        width: Number(width),
        height: Number(height),
        path,
        modes: [],
      });
      continue;
    }
    const current = cameras.at(-1);
    if (!current) continue;
    const modes = MODES.exec(line);
    if (modes) format = modes[1];
    for (const mode of (modes ? modes[2] : line).matchAll(MODE)) {
      current.modes.push({ format, width: Number(mode[1]), height: Number(mode[2]), fps: Number(mode[3]) });
    }
  }
  return cameras;
}

/** rpicam-vid arguments: MJPEG of the requested size and rate on stdout, forever, no preview window. */
export function rpicamVidArgs(options: {
  index: number;
  width: number;
  height: number;
  frameRate: number;
}): string[] {
  return [
    ...['-t', '0', '--codec', 'mjpeg', '--nopreview'],
    ...['--camera', String(options.index)],
    ...['--width', String(options.width), '--height', String(options.height)],
    ...['--framerate', String(options.frameRate)],
    ...['-o', '-'],
  ];
}
