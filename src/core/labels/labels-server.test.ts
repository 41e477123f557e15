import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../shared/api';
import { silentLog } from '../capture/test-support/helpers';
import { mergeOptions } from '../config/options-schema';
import { startCore } from '../core';
import type { Core } from '../core-api';
import { SseTestClient } from '../server/testing/sse-test-client';
import { ensureSceneClip } from './scenes/clip';
import { labelScenes } from './scenes/scenes';

// The acceptance check: `serve --source file:<person clip>?loop`, then /events shows `motion` and a
// `motion-label` person for it; and with labelling off no model is ever loaded.
let core: Core | null = null;
let client: SseTestClient | null = null;
let dataDir = '';

afterEach(async () => {
  client?.socket.destroy();
  await core?.stop();
  core = null;
  await rm(dataDir, { recursive: true, force: true });
});

async function serve(settings: object): Promise<{ port: number; core: Core }> {
  const scene = labelScenes.find((s) => s.name === 'person-diner-480p');
  if (!scene) throw new Error('scene missing');
  const clip = await ensureSceneClip(scene);
  dataDir = await mkdtemp(join(tmpdir(), 'mk-labels-serve-'));
  const options = mergeOptions(
    { port: 0, host: '127.0.0.1', source: `file:${clip}?loop`, dataDir, auth: false, settings },
    {},
  );
  core = await startCore({ ...options, staticDir: null, log: silentLog });
  return { port: Number(new URL(core.url).port), core };
}

const state = async (port: number) =>
  (await (await fetch(`http://127.0.0.1:${port}/api/state`)).json()) as AppState;

describe('object labels through the server', () => {
  it('a person clip gives event: motion, then event: motion-label person for that event', async () => {
    const { port } = await serve({ frameRate: 15 });
    expect((await state(port)).labels?.loaded).toBe(false);
    client = new SseTestClient(port);
    const sse = client;
    const label = () => sse.messages.find((m) => m.event === 'motion-label');
    await sse.waitFor(() => label() !== undefined, 120_000, 'a motion-label');
    const motion = sse.messages.find((m) => m.event === 'motion');
    expect(motion).toBeDefined();
    expect(sse.messages.indexOf(motion as never)).toBeLessThan(sse.messages.indexOf(label() as never));
    const data = JSON.parse(label()?.data ?? '{}');
    expect(data).toMatchObject({
      label: 'person',
      motionId: JSON.parse(motion?.data ?? '{}').id,
      notify: true,
    });
    expect(label()?.id).not.toBeNull();
    expect((await state(port)).labels?.loaded).toBe(true);
  }, 180_000);

  it('with labels off, a running motion event gets no labels and no model is loaded', async () => {
    // The detector holds a moving subject out of the background for 2 s at 15 fps, longer than this looped
    // clip's rest, so its event need not end here: the check is over several seconds of a running event.
    const { port } = await serve({ frameRate: 15, labels: false, eventGap: 1 });
    client = new SseTestClient(port);
    const sse = client;
    await sse.waitFor(() => sse.messages.some((m) => m.event === 'motion'), 60_000, 'a motion event');
    const levels = () => sse.messages.filter((m) => m.event === 'level').length;
    const seen = levels();
    await sse.waitFor(() => levels() >= seen + 25, 60_000, 'five more seconds of levels');
    expect(sse.messages.filter((m) => m.event === 'motion-label')).toEqual([]);
    expect((await state(port)).labels?.loaded).toBe(false);
  }, 180_000);
});
