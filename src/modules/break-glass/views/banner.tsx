import { Alert, Button, CsrfField } from '../../../ui/components.tsx';
import { clockTime } from '../window.ts';

/**
 * On every CRM page of a break-glass window (SEC-9): whose access this is and when it ends, in
 * the spa's time. Leaving ends the window at once.
 */
export function BreakGlassBanner(props: { staffName: string; endsAt: Date; timeZone: string; csrfToken: string }) {
  return (
    <Alert tone="warning" id="break-glass-banner" class="break-glass-banner" title={`Lumè break-glass access by ${props.staffName} — ends at ${clockTime(props.endsAt, props.timeZone)}`}>
      <p>Read only. Every page opened here is recorded in this spa’s audit trail under {props.staffName}’s name, and the spa has been told.</p>
      <form method="post" action="/logout" class="cluster">
        <CsrfField token={props.csrfToken} />
        <Button variant="secondary" size="sm">
          End break-glass access now
        </Button>
      </form>
    </Alert>
  );
}
