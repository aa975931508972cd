/**
 * Rate limits count hits in fixed windows (src/infra/http/rate-limit.ts). A test that counts up to
 * a limit must not straddle a window's end, or its hits split over two windows and the limit is
 * never reached: when the current window ends within `marginMs`, wait until it has ended.
 */
export async function clearOfWindowEnd(windowSeconds: number, marginMs = 10_000): Promise<void> {
  const windowMs = windowSeconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 500));
}
