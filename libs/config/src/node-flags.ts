/**
 * The V8 flags every HybridMatch process starts with: `npm start`, the Dockerfile's command and
 * the benchmarks' servers pass exactly these (node-flags.spec.ts keeps the three in step).
 *
 * `--max-semi-space-size=64` (MB; Node 20's default is 16): a page of 20 teaching requests
 * allocates ~0.4 MB while it is read, mapped and serialised, and with 50 requests in flight the
 * default young generation was scavenged about every 33 requests, each scavenge copying what the
 * waiting requests still hold. With 64 MB, four times fewer scavenges and about half the time in
 * the garbage collector per request (docs/BENCHMARKS.md); memory grows by at most 3 × 48 MB.
 * Heap sizes are fixed when V8 starts, so this cannot be set from inside the process.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
