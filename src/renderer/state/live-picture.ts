import { effect, signal } from '@preact/signals';
import { jpegSize, type Size } from '../../shared/jpeg-size';
import { kioskRates } from '../../shared/kiosk-rates';
import { kiosk } from '../kiosk';
import type { LiveMessage } from '../net/live-feed';
import { type LiveSubscription, subscribeLive } from '../net/live-stream';
import { liveShown } from './layout';
import { pageVisible } from './live';
import { backgroundFps, liveLead, liveShowing, startLiveLead } from './live-lead';
import { decodeSize, kioskLeastShare } from './picture-size';
import { showUpdates } from './screen-updates';

/** The live picture's state: no frame yet, frames flowing, or the stream lost and being retried. */
export const pictureState = signal<'waiting' | 'open' | 'lost'>('waiting');

/** False while the kiosk's display sleeps: nobody sees the picture, so nothing is decoded. */
export const displayAwake = signal(true);

/**
 * Frame rate asked of the server. `?fps=N` in the page URL wins; the kiosk's own screen asks for
 * fewer frames than the camera gives (`kioskRates`: 8 on a screen up to 1024×600, else 15), which keeps
 * its Chromium's work near the engine's; remote browsers take the camera's rate.
 */
export function liveFps(): number | null {
  const asked = Number(new URLSearchParams(location.search).get('fps'));
  if (asked > 0 && asked <= 60) return asked;
  if (!kiosk?.isKiosk) return null;
  return screen.width * screen.height <= 1024 * 600 ? kioskRates.fps : kioskRates.largeScreenFps;
}

/**
 * Frames a second asked of the server while the scene is still (it judges stillness from its own levels,
 * as the dashboard's graph shows them); null: every frame. `?stillFps=N` wins; the kiosk's own screen
 * asks 1 a second then (the camera's clock overlay still ticks each second), every frame as soon as
 * something moves: a wall screen's picture is still most of the day, and each frame not drawn is CPU the
 * Pi keeps (2 a second cost 0.4 % of a core more on the bench, see docs/benchmarks.md). Remote browsers
 * take every frame.
 */
export function stillFps(): number | null {
  const asked = Number(new URLSearchParams(location.search).get('stillFps'));
  if (asked > 0 && asked <= 60) return asked;
  return kiosk?.isKiosk ? kioskRates.stillFps : null;
}

let subscription: LiveSubscription | null = null;
let lastDrawnAt = 0;
let skipped = 0;
let canvas: HTMLCanvasElement | null = null;
let drawn = 0;
/** The canvas's size on screen in device pixels, kept by a ResizeObserver (reading it per frame would force layout). */
let shown: Size | null = null;
const sizeWatch =
  typeof ResizeObserver === 'undefined'
    ? null
    : new ResizeObserver(([entry]) => {
        const box = entry.devicePixelContentBoxSize?.[0];
        shown = box
          ? { width: box.inlineSize, height: box.blockSize }
          : {
              width: entry.contentRect.width * devicePixelRatio,
              height: entry.contentRect.height * devicePixelRatio,
            };
      });

/**
 * Where the browser has WebCodecs' ImageDecoder (Chromium, so the kiosk), frames are decoded straight from
 * their bytes and drawn on an opaque 2D canvas; elsewhere through a Blob, which Chromium hands to its
 * browser process and reads back. Measured at 10 fps in headless Chromium: 11.5 against 14.3 % of a core.
 */
const decodesBytes = typeof ImageDecoder !== 'undefined';

function sizeCanvas(target: HTMLCanvasElement, width: number, height: number): void {
  if (target.width !== width || target.height !== height) {
    target.width = width;
    target.height = height;
  }
}

/** How much smaller than shown a frame may be decoded: only the kiosk trades sharpness for its CPU. */
const leastShare = kiosk?.isKiosk ? kioskLeastShare : 1;

/**
 * Decoder options for one frame: decoded straight to the size it is shown at, where that is smaller
 * (`decodeSize`; on the kiosk down to `kioskLeastShare` of it). A 1280×720 camera shown at 365×205
 * decodes at 480×270 in a browser: in headless Chromium at 10 fps, 6.9 against 10.9 % of a core.
 */
function decoderInit(jpeg: Uint8Array<ArrayBuffer>): ImageDecoderInit {
  const init: ImageDecoderInit = { data: jpeg, type: 'image/jpeg' };
  const source = jpegSize(jpeg);
  if (source && shown && shown.width > 0 && shown.height > 0) {
    const size = decodeSize(source, shown, leastShare);
    if (size.width < source.width) {
      init.desiredWidth = size.width;
      init.desiredHeight = size.height;
    }
  }
  return init;
}

async function paint(target: HTMLCanvasElement, jpeg: Uint8Array<ArrayBuffer>): Promise<void> {
  if (decodesBytes) {
    const decoder = new ImageDecoder(decoderInit(jpeg));
    try {
      const { image } = await decoder.decode();
      try {
        sizeCanvas(target, image.displayWidth, image.displayHeight);
        target.getContext('2d', { alpha: false })?.drawImage(image, 0, 0);
      } finally {
        image.close();
      }
    } finally {
      decoder.close();
    }
  } else {
    const bitmap = await createImageBitmap(new Blob([jpeg], { type: 'image/jpeg' }));
    sizeCanvas(target, bitmap.width, bitmap.height);
    // `bitmaprenderer` takes the decoded bitmap without another copy.
    target.getContext('bitmaprenderer')?.transferFromImageBitmap(bitmap);
  }
}

/** Decodes one JPEG (once per tab) and shows it; asks for the next frame when done. */
async function draw(jpeg: Uint8Array<ArrayBuffer>): Promise<void> {
  const target = canvas;
  try {
    if (target) {
      await paint(target, jpeg);
      target.dataset.frames = String(++drawn); // for tests and anyone checking that the picture moves
      showUpdates(); // the graph and overlay changes waiting for this picture go in the same frame
    }
  } catch {
    // A truncated JPEG (stream cut mid-frame) is skipped; the next frame follows.
  }
  subscription?.ready();
}

function onMessage(message: LiveMessage): void {
  if (message.type === 'state') pictureState.value = message.state;
  else {
    pictureState.value = 'open';
    const now = performance.now();
    // A window not in use draws at most `backgroundFps` (see `liveLead`).
    if (!liveLead.value && now - lastDrawnAt < 1000 / backgroundFps) {
      skipped++;
      if (canvas) canvas.dataset.skipped = String(skipped); // for tests, as `frames`
      subscription?.ready(); // skipped, not decoded: ask for the next one
      return;
    }
    lastDrawnAt = now;
    void draw(message.jpeg);
  }
}

/**
 * Starts the live picture for this tab (once); frames flow only while the tab is visible, the screen
 * awake and the picture not folded away.
 */
export function startLivePicture(): void {
  if (subscription) return;
  subscription = subscribeLive({ fps: liveFps(), stillFps: stillFps() }, onMessage);
  document.documentElement.dataset.live = subscription.mode;
  const display = kiosk?.display;
  if (display) {
    void display.state().then((state) => {
      displayAwake.value = state === 'on';
    });
    display.onChange((state) => {
      displayAwake.value = state === 'on';
    });
  }
  startLiveLead();
  effect(() => {
    const showing = pageVisible.value && displayAwake.value && liveShown.value;
    subscription?.setActive(showing);
    liveShowing(showing);
  });
}

/** The canvas the picture is drawn on (the LiveView's); null when it unmounts. */
export function attachCanvas(el: HTMLCanvasElement | null): void {
  if (canvas) sizeWatch?.unobserve(canvas);
  canvas = el;
  shown = null;
  if (el) sizeWatch?.observe(el);
}
