import type { Settings } from '../../../shared/settings';

/** Frame rate of every generated clip. */
export const FPS = 30;
export const WIDTH = 640;
export const HEIGHT = 480;

/** A filled rectangle drawn over the scene from frame `from` to `to` (inclusive). */
export interface MovingObject {
  w: number;
  h: number;
  /** Gray level 0..255. */
  level: number;
  /** Top-left corner as ffmpeg overlay expressions of the frame number `n`. */
  x: string;
  y: string;
  from: number;
  to: number;
}

/** One generated clip and what a good detector must report on it. */
export interface Scenario {
  name: string;
  /** What it shows and what is due. */
  description: string;
  seconds: number;
  objects: MovingObject[];
  /** Global brightness (-1..1, added to luma) as an ffmpeg `eq` expression of `n`; none by default. */
  brightness?: string;
  /** Global gain (luma multiplied by it, as light or exposure does) as an expression of `n`; none by default. */
  gain?: string;
  /** Temporal sensor noise strength (ffmpeg `noise` alls, 0..100). Default 6. */
  noise?: number;
  /** Settings this scenario runs with on top of the defaults (e.g. masks). */
  settings?: Partial<Settings>;
  /** Intervals in seconds of clip time during which motion is due: one event each. */
  truth: [number, number][];
}

const frameTime = (n: number) => n / FPS;

/** A person-sized dark blob walking across at 8 px per frame, first visible at frame `from`. */
function walker(from: number, direction: 'right' | 'left'): MovingObject {
  // Visible from 8 px at `from` until 4 px remain, 92 frames later.
  const x = direction === 'right' ? `-92+(n-${from})*8` : `632-(n-${from})*8`;
  return { w: 100, h: 220, level: 0x20, x, y: '200', from, to: from + 91 };
}

const walkerTruth = (from: number): [number, number] => [frameTime(from), frameTime(from + 91)];

export const scenarios: Scenario[] = [
  {
    name: 'walk',
    description: 'a person-sized blob walks across the room',
    seconds: 8,
    objects: [walker(60, 'right')],
    truth: [walkerTruth(60)],
  },
  {
    name: 'small-object',
    description: 'a 24x24 object (0.2 % of the frame) moves: below threshold, no event',
    seconds: 8,
    objects: [{ w: 24, h: 24, level: 0x20, x: '100+(n-60)*4', y: '300', from: 60, to: 180 }],
    truth: [],
  },
  {
    name: 'noise',
    description: 'strong temporal sensor noise only, no event',
    seconds: 8,
    objects: [],
    noise: 40,
    truth: [],
  },
  {
    name: 'lights',
    description: 'lights switched off (to 45 %) at 3 s and on again at 6 s, no event',
    seconds: 10,
    objects: [],
    gain: '1-0.55*between(n,90,179)',
    truth: [],
  },
  {
    name: 'exposure',
    description:
      'auto-exposure brightens the view by half over 0.2 s at 3 s and settles back at 6 s, no event',
    seconds: 9,
    objects: [],
    gain: '1+0.5*clip((n-90)/6,0,1)-0.5*clip((n-180)/6,0,1)',
    truth: [],
  },
  {
    name: 'drift',
    description: 'slow illumination drift over 20 s (sunset in reverse), no event',
    seconds: 20,
    objects: [],
    brightness: '-0.3+0.6*n/600',
    truth: [],
  },
  {
    name: 'flicker',
    description: 'a light flickering irregularly between 100 % and 86 %, no event',
    seconds: 8,
    objects: [],
    gain: '1-0.14*gt(sin(n*0.9)+sin(n*0.37),0.6)',
    truth: [],
  },
  {
    name: 'masked',
    description: 'a branch sways in the top-right corner, which is masked: no event',
    seconds: 8,
    objects: [{ w: 120, h: 90, level: 0x20, x: '480+40*sin(n/6)', y: '20+10*sin(n/9)', from: 30, to: 210 }],
    settings: {
      masks: [
        [
          [0.6, 0],
          [1, 0],
          [1, 0.3],
          [0.6, 0.3],
        ],
      ],
    },
    truth: [],
  },
  {
    name: 'two-crossings',
    description: 'two people cross, 10 s apart, in opposite directions: two events',
    seconds: 18,
    objects: [walker(60, 'right'), walker(360, 'left')],
    truth: [walkerTruth(60), walkerTruth(360)],
  },
];
