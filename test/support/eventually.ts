/** Waits (without a deadline of its own: the test's timeout ends it) until check() holds. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, everyMs = 100): Promise<T> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
