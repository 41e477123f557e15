import { globalArgs, grayFilter, outputArgs } from '../ffmpeg/ffmpeg-args';
import { ffmpegCaps } from '../ffmpeg/ffmpeg-caps';
import type { Pipeline } from '../pipeline';
import { ProcessSource, type SourceOptions } from '../process-source';

/** Seconds between two crossings of the walking figure. */
const PERIOD = 10;
/** Seconds one crossing takes. */
const CROSSING = 4;
/** Seconds after start when the first crossing begins, so that tests see motion quickly. */
const FIRST = 2;

/**
 * The filter graph of a room: wall, floor, window and table, mild static grain, a figure that
 * crosses every PERIOD seconds and a clock. Its outputs are [jpeg] (full size) and [gray].
 * The figure moves through overlay's per-frame x expression (drawbox fixes its position once).
 */
export function sceneGraph(options: {
  width: number;
  height: number;
  fps: number;
  analysisWidth: number;
  clock: boolean;
}): string {
  const { width: w, height: h, fps } = options;
  const floor = Math.round(h * 0.75);
  const body = { w: Math.round(w * 0.11), h: Math.round(h * 0.4) };
  const head = { w: Math.round(body.w * 0.6), h: Math.round(h * 0.1) };
  const speed = (w + body.w) / CROSSING;
  const phase = `mod(t+${PERIOD - FIRST}\\,${PERIOD})`;
  const x = (offset: number) =>
    `'if(lt(${phase}\\,${CROSSING})\\,${phase}*${speed.toFixed(1)}-${offset}\\,-${w})'`;
  const room = [
    `color=c=0x8a8272:s=${w}x${h}:r=${fps}`,
    `drawbox=x=0:y=${floor}:w=${w}:h=${h - floor}:c=0x5a4a3a:t=fill`,
    `drawbox=x=${Math.round(w * 0.65)}:y=${Math.round(h * 0.12)}:w=${Math.round(w * 0.25)}:h=${Math.round(h * 0.25)}:c=0xb8d0e0:t=fill`,
    `drawbox=x=${Math.round(w * 0.1)}:y=${floor - Math.round(h * 0.17)}:w=${Math.round(w * 0.3)}:h=${Math.round(h * 0.17)}:c=0x6a5040:t=fill`,
    'noise=alls=10:allf=0',
    // The room never changes: render it once and repeat that frame (saves the noise filter per frame).
    'trim=end_frame=1',
    'loop=loop=-1:size=1',
  ].join(',');
  // On the camera's picture only, like an overlay added after the sensor: a clock in the analysed copy
  // changes every second, and the motion box then stretched from it to the figure.
  const clock = options.clock
    ? ";[shown]drawtext=text='%{localtime\\:%H\\\\\\:%M\\\\\\:%S}':x=12:y=12:fontsize=24:fontcolor=white:box=1:boxcolor=black@0.4[jpeg]"
    : '';
  return [
    `${room}[room]`,
    `color=c=0x2c3440:s=${body.w}x${body.h}:r=${fps}[body]`,
    `color=c=0xc89878:s=${head.w}x${head.h}:r=${fps}[head]`,
    `[room][body]overlay=x=${x(body.w)}:y=${floor - body.h}[a]`,
    `[a][head]overlay=x=${x(body.w - Math.round((body.w - head.w) / 2))}:y=${floor - body.h - head.h},realtime,split[${clock ? 'shown' : 'jpeg'}][full]${clock}`,
    `[full]${grayFilter(options.analysisWidth)}[gray]`,
  ].join(';');
}

/** `synthetic`: an ffmpeg-generated room with someone walking through it; needs no camera. */
export class SyntheticSource extends ProcessSource {
  readonly description: string;

  constructor(options: SourceOptions) {
    super(options);
    const { captureWidth, captureHeight, frameRate } = options.settings;
    this.description = `synthetic scene ${captureWidth}x${captureHeight} @ ${frameRate} fps`;
  }

  protected async plan(): Promise<Pipeline> {
    const { captureWidth, captureHeight, frameRate, analysisWidth } = this.options.settings;
    const clock = (await ffmpegCaps(this.ffmpeg)).drawText;
    const graph = sceneGraph({
      width: captureWidth,
      height: captureHeight,
      fps: frameRate,
      analysisWidth,
      clock,
    });
    return {
      args: [
        ...globalArgs(),
        '-filter_complex',
        graph,
        ...outputArgs({ copy: false, analysisWidth, labels: { jpeg: 'jpeg', gray: 'gray' } }),
      ],
    };
  }
}
