/**
 * The simulated network camera of `npm run bench:pipeline`, run as its own process (forked, IPC to the
 * bench) so that its CPU is never counted as the app's or Motion's. Its JPEGs are encoded once at
 * start-up by ffmpeg (a real camera encodes in hardware): a textured room with mild sensor noise and a
 * dark box crossing every 10 s. Every HTTP path is one client (`/app.mjpg`, `/motion.mjpg`, …), all
 * served in lockstep by one clock: bare concatenated JPEGs or multipart/x-mixed-replace parts.
 *
 * argv: WIDTHxHEIGHT FPS bare|multipart
 * IPC out: { type: 'ready', port, loopFrames, triggerFrame, box } once; { type: 'trigger', at } each time
 * the crossing's trigger frame is sent (wall ms); { type: 'counts', sent, skipped, ticks } on request.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const [size = '640x480', fpsArg = '30', format = 'bare'] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const fps = Number(fpsArg);
const PERIOD_S = 10;
const loopFrames = PERIOD_S * fps;
/** The box: a fifth of the width, 40 % of the height, entering at 1 s and crossing in 2 s. */
const box = { w: Math.round(width / 5), h: Math.round(height * 0.4), from: fps };
const speed = (width + box.w) / (2 * fps);
/** Share of the picture the box must cover for a frame to count as moving (the app's default threshold). */
const THRESHOLD = 0.02;
/** First frame whose visible box covers THRESHOLD of the picture: onsets are measured from it. */
const triggerFrame = box.from + Math.ceil((THRESHOLD * width * height) / box.h / speed) - 1;

/** Encodes the loop once per size and rate; later runs reuse it (renamed into place: never half a file). */
async function encode() {
  const out = join(tmpdir(), `pipeline-camera-${width}x${height}-${fps}-v1.mjpeg`);
  if (!existsSync(out)) await render(out);
  return splitJpegs(await readFile(out));
}

async function render(out) {
  const tmp = `${out}.${process.pid}.tmp`;
  const room = `color=c=0x707070:s=${width}x${height}:r=${fps},format=gray,geq=lum='112+30*sin(X/19)*cos(Y/27)+18*sin((X*3+Y)/11)+40*gt(mod(floor(X/80)+floor(Y/60)\\,3)\\,1)',format=yuv420p,trim=end_frame=1,loop=loop=-1:size=1`;
  const x = `-${box.w}+(n-${box.from})*${speed}`;
  const graph = `${room}[room];color=c=0x202020:s=${box.w}x${box.h}:r=${fps}[box];[room][box]overlay=x='${x}':y=${Math.round(height * 0.3)}:enable='gte(n,${box.from})',noise=alls=6:allf=t,format=yuvj420p`;
  await promisify(execFile)('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', graph, '-frames:v', String(loopFrames)],
    ...['-c:v', 'mjpeg', '-q:v', '5', '-f', 'mjpeg', tmp],
  ]);
  await rename(tmp, out);
}

function splitJpegs(data) {
  const frames = [];
  let start = 0;
  for (let i = data.indexOf(0xd9, 1); i > 0; i = data.indexOf(0xd9, i + 1)) {
    if (data[i - 1] === 0xff && data[start] === 0xff && data[start + 1] === 0xd8) {
      frames.push(data.subarray(start, i + 1));
      start = i + 1;
    }
  }
  return frames;
}

const frames = await encode();
/** Open responses by path; one client per path. */
const clients = new Map();
const sent = {};
const skipped = {};
const BOUNDARY = 'frame';

const server = createServer((req, res) => {
  const path = req.url ?? '/';
  const type = format === 'multipart' ? `multipart/x-mixed-replace; boundary=${BOUNDARY}` : 'image/jpeg';
  res.writeHead(200, { 'Content-Type': type, Connection: 'close' });
  clients.set(path, res);
  sent[path] ??= 0;
  skipped[path] ??= 0;
  req.on('close', () => {
    if (clients.get(path) === res) clients.delete(path);
  });
});

function send(jpeg) {
  for (const [path, res] of clients) {
    // A client that does not keep up skips frames, as a camera's server would; the bench reports it.
    if (res.writableLength > 2 * jpeg.length) {
      skipped[path]++;
      continue;
    }
    sent[path]++;
    if (format === 'multipart') {
      res.cork();
      res.write(`--${BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`);
      res.write(jpeg);
      res.write('\r\n');
      res.uncork();
    } else res.write(jpeg);
  }
}

let ticks = 0;
const t0 = performance.now();
function tick() {
  const i = ticks % loopFrames;
  // Wall time at which this frame was due: a late timer then counts against the detectors, never for them.
  const due = performance.timeOrigin + t0 + (ticks * 1000) / fps;
  send(frames[i]);
  if (i === triggerFrame) process.send?.({ type: 'trigger', at: due });
  ticks++;
  setTimeout(tick, Math.max(0, t0 + (ticks * 1000) / fps - performance.now()));
}

process.on('message', (message) => {
  if (message === 'counts') process.send?.({ type: 'counts', sent, skipped, ticks });
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.send?.({ type: 'ready', port, loopFrames, triggerFrame, box: { ...box, speed } });
  tick();
});
