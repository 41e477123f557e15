import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A real photograph that a package installs, optionally a part of it (pixels). */
export interface Photo {
  name: string;
  path: string;
  crop?: { x: number; y: number; w: number; h: number };
}

/** scikit-image's sample pictures, as Debian's python3-skimage installs them (public domain / CC0). */
export const skimageDir = '/usr/lib/python3/dist-packages/skimage/data';

const requireHere: NodeJS.Require = typeof require === 'function' ? require : createRequire(import.meta.url);
/** The contact sheet of real photographs that @vladmandic/human ships in assets/ (MIT). */
const humanSamples = () =>
  join(dirname(requireHere.resolve('@vladmandic/human')), '..', 'assets', 'samples.jpg');

const sk = (name: string): Photo => ({ name, path: join(skimageDir, `${name}.png`) });
/** One thumbnail of the top row of Human's samples.jpg (158 px tall photographs of people). */
const thumb = (name: string, x: number, w: number): Photo => ({
  name,
  path: humanSamples(),
  crop: { x, y: 0, w, h: 158 },
});

export const photos = {
  people: [
    sk('astronaut'),
    sk('camera'),
    thumb('diner', 326, 211),
    thumb('red-skirt', 545, 88),
    thumb('crop-top', 641, 149),
    thumb('stool', 797, 108),
    thumb('three', 1130, 132),
  ],
  cat: sk('chelsea'),
  cup: sk('coffee'),
  motorcycle: sk('motorcycle_left'),
  /** Real textures used as the room behind the moving photographs. */
  backgrounds: [sk('brick'), sk('gravel'), sk('grass')],
};

/** Throws, naming the package, when a photograph is missing: the label tests need them all. */
export function checkPhotos(): void {
  const all = [...photos.people, photos.cat, photos.cup, photos.motorcycle, ...photos.backgrounds];
  const missing = all.find((photo) => !existsSync(photo.path));
  if (missing) {
    throw new Error(`test photograph ${missing.path} is missing: sudo apt-get install -y python3-skimage`);
  }
}
