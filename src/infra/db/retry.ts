/**
 * Runs a whole transaction again when PostgreSQL aborted it to break a deadlock (40P01): it then
 * changed nothing, and its next run finds the other transaction done. For transactions that touch
 * many rows in an order others cannot share (a merge, asking a service's booked visits).
 */
export async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || (error as { code?: unknown }).code !== '40P01') throw error;
    }
  }
}
