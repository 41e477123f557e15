/**
 * V8 flags for the engine's process, in every launcher (the unit, the autostart entry, the
 * installer's executableArgs, `npm run serve`; test/launch-flags.test.ts keeps them equal):
 * - a 1 MB young generation: 40 MB less resident memory at the same CPU;
 * - garbage collection on the main thread only: on a heap of ~25 MB, helper threads cost more CPU in
 *   coordination than they save;
 * - no memory reducer: it took the steady stream of frames for an idle app and collected the whole heap
 *   every 0.6 s for seconds at a time.
 * docs/benchmarks.md, "Pipeline", has the figures.
 */
export const ENGINE_V8_FLAGS = ['--max-semi-space-size=1', '--single-threaded-gc', '--no-memory-reducer'];
