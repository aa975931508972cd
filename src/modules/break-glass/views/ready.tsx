import { Button } from '../../../ui/components.tsx';
import { AuthLayout } from '../../../ui/layouts.tsx';

/** After the link: one click into the spa's CRM, knowing what it means. */
export function WindowReadyPage(props: { spaName: string }) {
  return (
    <AuthLayout title={`Break-glass access to ${props.spaName}`} brand={props.spaName}>
      <div class="stack">
        <p>You are about to see this spa’s data, read only. Every page you open is recorded in its audit trail under your name, and the spa has been told who you are and why.</p>
        <div class="notice-actions">
          <Button variant="primary" size="lg" block href="/" id="break-glass-enter">
            Open the CRM
          </Button>
        </div>
      </div>
    </AuthLayout>
  );
}
