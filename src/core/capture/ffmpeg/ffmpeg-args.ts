/** How ffmpeg should produce the two outputs of a source. */
export interface OutputPlan {
  /** The input is already MJPEG: pass its JPEGs through untouched instead of re-encoding. */
  copy: boolean;
  /** Width of the gray picture for detection; its height keeps the aspect ratio. */
  analysisWidth: number;
  /**
   * Filter graph outputs to map instead of the first input's video; the gray one must already be
   * scaled and gray (synthetic scene). Default: none.
   */
  labels?: { jpeg: string; gray: string };
  /** Write the JPEGs on stdout; false when Node already holds them (a feeder wrote them to stdin). Default true. */
  jpeg?: boolean;
}

/** Options every source's ffmpeg starts with. */
export function globalArgs(): string[] {
  return ['-hide_banner', '-nostdin', '-loglevel', 'error'];
}

/** Exactly one picture per input frame on each output, so that the two outputs stay paired. */
const PASSTHROUGH = ['-fps_mode', 'passthrough'];

/**
 * The largest MJPEG `-lowres` (decode at 1/2^k size, much cheaper) that still leaves at least
 * `analysisWidth` pixels across; 0 when the input width is unknown.
 */
export function lowresFor(inputWidth: number | undefined, analysisWidth: number): number {
  let k = 0;
  while (inputWidth && k < 3 && inputWidth >> (k + 1) >= analysisWidth) k++;
  return k;
}

/**
 * Options for JPEGs written to ffmpeg's stdin as multipart parts with Content-Length (each read the
 * moment it is complete; bare JPEGs would be cut only when the next begins, a frame late). Probe
 * only the first picture instead of seconds of stream, which at a few stills per second would hold
 * back the first frame for many seconds.
 */
export function pipeInputArgs(): string[] {
  return ['-probesize', '32', '-analyzeduration', '0', '-f', 'mpjpeg', '-c:v', 'mjpeg'];
}

/** Decoder options for an MJPEG input whose JPEGs are passed through. */
export function mjpegInputArgs(inputWidth: number | undefined, analysisWidth: number): string[] {
  const lowres = lowresFor(inputWidth, analysisWidth);
  // One decoding thread: frame threading would only add latency to the gray output.
  return ['-threads', '1', ...(lowres > 0 ? ['-lowres', String(lowres)] : [])];
}

/**
 * The two outputs: whole JPEGs on stdout, PGM gray pictures on fd 3. PGM rather than bare
 * rawvideo because each picture carries its size (see PgmSplitter).
 */
export function outputArgs(plan: OutputPlan): string[] {
  const { labels } = plan;
  // Stream copy never drops or repeats pictures; only encoded outputs need passthrough.
  const jpeg = plan.copy ? ['-c:v', 'copy'] : [...PASSTHROUGH, '-c:v', 'mjpeg', '-q:v', '5'];
  const gray = labels
    ? ['-map', `[${labels.gray}]`]
    : ['-map', '0:v:0', '-vf', grayFilter(plan.analysisWidth)];
  const jpegOut =
    plan.jpeg === false
      ? []
      : ['-map', labels ? `[${labels.jpeg}]` : '0:v:0', ...jpeg, '-f', 'mjpeg', 'pipe:1'];
  return [...jpegOut, ...gray, ...[...PASSTHROUGH, '-c:v', 'pgm', '-f', 'image2pipe', 'pipe:3']];
}

/** Scales to the analysis width (height keeps the aspect) and keeps only luma. */
export function grayFilter(analysisWidth: number): string {
  return `scale=${analysisWidth}:-1:flags=fast_bilinear,format=gray`;
}

/**
 * The whole ffmpeg command line for JPEGs written to its stdin as multipart parts (webcam stills,
 * rpicam-vid and bare-JPEG HTTP cameras, re-framed in Node): only the gray output, since Node holds
 * the JPEGs already (sending them back cost ffmpeg a mux and a write, and Node a second split).
 * @param inputWidth the JPEGs' width when known, so the gray frame can be decoded at a lower resolution.
 */
export function multipartStdinArgs(inputWidth: number | undefined, analysisWidth: number): string[] {
  return [
    ...globalArgs(),
    ...pipeInputArgs(),
    ...mjpegInputArgs(inputWidth, analysisWidth),
    ...['-i', 'pipe:0'],
    ...outputArgs({ copy: true, analysisWidth, jpeg: false }),
  ];
}
