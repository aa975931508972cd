/** A reason not to start that the operator can fix; printed as one line, then exit 1. */
export class StartupError extends Error {
  override name = 'StartupError';
}
