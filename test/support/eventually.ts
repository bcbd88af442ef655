/** Polls `probe` until `ok` holds or `ms` pass; returns the last value (the caller's expectation reports the failure). */
export async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}
