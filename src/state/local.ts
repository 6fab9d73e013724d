/**
 * What a state module keeps between calls and never draws: a timer, a connection to a worker,
 * the token of its latest request, whether it has subscribed yet, a memo. Each module keeps them
 * in one object made here rather than in loose `let`s, so that one call (resetLocals: tests, a
 * fresh start) puts every module back as it was when loaded, with its timers cleared and its
 * connections closed by the module's own `dispose`.
 */
const resets: (() => void)[] = [];

export function local<T extends object>(init: () => T, dispose?: (now: T) => void): T {
  const o = init();
  resets.push(() => {
    dispose?.(o);
    Object.assign(o, init());
  });
  return o;
}

/** Every module's locals as they were when it was loaded. */
export function resetLocals(): void {
  for (const r of resets) r();
}

/** The timer types of both the browser and Node (the CLI and the tests run this code too). */
export type Timer = ReturnType<typeof setTimeout>;

export interface LazyModule<M> {
  /** the module, once it has come (null until then) */
  readonly now: () => M | null;
  /** load it (once; a failed load is tried again the next time) */
  readonly load: () => Promise<M>;
}

/**
 * Code loaded on first use. Code, not state: once loaded it stays, and resetLocals leaves it.
 */
export function lazyModule<M>(load: () => Promise<M>): LazyModule<M> {
  let mod: M | null = null;
  let loading: Promise<M> | null = null;
  return {
    now: () => mod,
    load: () =>
      (loading ??= load().then(
        (m) => (mod = m),
        (e: unknown) => {
          loading = null;
          throw e;
        },
      )),
  };
}
