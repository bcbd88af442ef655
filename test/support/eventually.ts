/** Polls `probe` until `ok` holds or `ms` pass; returns the last value (the caller's expectation reports the failure). */
export async function eventually<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Like {@link eventually}, for a wait that is not itself the assertion: past `ms` it throws, naming what it waited for. */
export async function waitFor<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const v = await eventually(probe, ok, ms);
  if (!ok(v)) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
  return v;
}
