import type { ObjectLabel } from '../../../shared/labels';
import { type Photo, photos } from './photos';

/** Frame rate of the label clips: enough for motion detection, cheap to replay. */
export const SCENE_FPS = 15;

/** One generated clip and what labelling must (and must not) report on it. */
export interface LabelScene {
  name: string;
  width: number;
  height: number;
  seconds: number;
  /** The label the clip's motion event must get, or null when none is due. */
  expect: ObjectLabel | null;
  /** Labels the clip must never get (0 false alerts). */
  forbid: ObjectLabel[];
  /** ffmpeg inputs and the filter graph ending in `[out]`. */
  inputs: string[];
  graph: string;
}

const FROM = 8;
/** Temporal sensor noise with a fixed seed, so every run renders the same clip. */
const noise = 'noise=alls=5:allf=t:all_seed=1234';

function input(photo: Photo): string[] {
  return ['-loop', '1', '-framerate', String(SCENE_FPS), '-i', photo.path];
}

function cropOf(photo: Photo): string {
  return photo.crop ? `crop=${photo.crop.w}:${photo.crop.h}:${photo.crop.x}:${photo.crop.y},` : '';
}

/**
 * A photograph `share` of the frame tall steps into view at 0.5 s (as from behind a door), crosses
 * 40 % of the frame in 3 s and then stands still until the clip ends at 7 s.
 */
function crossing(
  name: string,
  photo: Photo,
  size: [number, number],
  share: number,
  opts: { expect: ObjectLabel | null; forbid?: ObjectLabel[]; background: number; leftward?: boolean },
): LabelScene {
  const [width, height] = size;
  const seconds = 7;
  const step = ((0.4 * width) / (3 * SCENE_FPS)).toFixed(2);
  const walked = `min(n-${FROM},${3 * SCENE_FPS})*${step}`;
  const x = opts.leftward ? `0.95*W-w-${walked}` : `0.05*W+${walked}`;
  const objHeight = Math.round(height * share);
  return {
    name: `${name}-${height}p`,
    width,
    height,
    seconds,
    expect: opts.expect,
    forbid: opts.forbid ?? [],
    inputs: [...input(photos.backgrounds[opts.background]), ...input(photo)],
    graph: [
      `[0:v]scale=${width}:${height},format=yuv420p[bg]`,
      `[1:v]${cropOf(photo)}scale=-2:${objHeight},format=yuv420p[obj]`,
      `[bg][obj]overlay=x='${x}':eval=frame:y=${Math.round((height - objHeight) * 0.6)}:enable='gte(n,${FROM})',${noise}[out]`,
    ].join(';'),
  };
}

/** Weather and light on a brick wall: motion (or a lighting change) that is never a person. */
function weather(name: string, overlay: string, extraInputs: string[] = []): LabelScene {
  return {
    name,
    width: 640,
    height: 480,
    seconds: 5,
    expect: null,
    forbid: ['person'],
    inputs: [...input(photos.backgrounds[0]), ...extraInputs],
    graph: `[0:v]scale=640:480,format=yuv420p[bg];${overlay}`,
  };
}

const sizes: [number, number][] = [
  [640, 480],
  [1280, 720],
];

export const labelScenes: LabelScene[] = [
  ...sizes.flatMap((size, s) =>
    photos.people.map((photo, i) =>
      crossing(`person-${photo.name}`, photo, size, 0.55 + 0.05 * (i % 3), {
        expect: 'person',
        background: (i + s) % 3,
        leftward: i % 2 === 1,
      }),
    ),
  ),
  ...sizes.map((size, s) =>
    crossing('cat', photos.cat, size, 0.5, { expect: 'cat', forbid: ['person'], background: s + 1 }),
  ),
  ...sizes.map((size, s) =>
    crossing('cup', photos.cup, size, 0.45, { expect: null, forbid: ['person'], background: s }),
  ),
  crossing('motorcycle', photos.motorcycle, [640, 480], 0.5, {
    expect: 'motorcycle',
    forbid: ['person'],
    background: 2,
  }),
  weather(
    'rain',
    // Sparse bright points of fresh noise each frame, smeared downwards into streaks.
    `color=c=black:s=640x480:r=${SCENE_FPS},format=yuv420p,noise=alls=100:allf=t:all_seed=77,lutyuv=y='if(gt(val,252),255,16)':u=128:v=128,avgblur=sizeX=1:sizeY=14,lutyuv=y='min(255,val*4)'[rain];[bg][rain]blend=all_mode=lighten,${noise}[out]`,
  ),
  weather(
    'branch',
    // A dark bough hanging from the top right, swaying by ±0.35 rad.
    `color=c=0x1e2a14:s=40x420:r=${SCENE_FPS},format=rgba,rotate=a='0.35*sin(t*2.5)':c=none:ow=420:oh=420[bough];[bg][bough]overlay=x=380:y=-210,${noise}[out]`,
  ),
  weather(
    'shadow',
    // A soft person-sized shadow glides across the wall.
    `color=c=black:s=260x360:r=${SCENE_FPS},format=yuva420p,geq=lum=16:cb=128:cr=128:a='120*exp(-((X-130)*(X-130)/7200+(Y-180)*(Y-180)/16200))'[shade];[bg][shade]overlay=x='-260+(n-${FROM})*9':y=80:enable='gte(n,${FROM})',${noise}[out]`,
  ),
  weather(
    'lights',
    `[bg]eq=contrast='1-0.5*between(n,30,59)':brightness='-0.25*between(n,30,59)':eval=frame,${noise}[out]`,
  ),
];

/**
 * A person walks through the room from the left and out at the right in 6 s, then the room stays empty
 * for 6 s: looped, every pass is one motion event that starts and ends (the live view's e2e test).
 */
export const passingScene: LabelScene = (() => {
  const [width, height] = [640, 480];
  const photo = photos.people[2];
  const objHeight = Math.round(height * 0.6);
  const walk = 6 * SCENE_FPS;
  return {
    name: 'person-passing-480p',
    width,
    height,
    seconds: 12,
    expect: 'person',
    forbid: [],
    inputs: [...input(photos.backgrounds[0]), ...input(photo)],
    graph: [
      `[0:v]scale=${width}:${height},format=yuv420p[bg]`,
      `[1:v]${cropOf(photo)}scale=-2:${objHeight},format=yuv420p[obj]`,
      `[bg][obj]overlay=x='-w+(W+w)*n/${walk}':eval=frame:y=${Math.round((height - objHeight) * 0.6)}:enable='lt(n,${walk})',${noise}[out]`,
    ].join(';'),
  };
})();
