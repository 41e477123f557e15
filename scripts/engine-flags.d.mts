/** Types for engine-flags.mjs, a plain script that `npm start` runs without a build. */
export declare const ENGINE_V8_FLAGS: readonly string[];
