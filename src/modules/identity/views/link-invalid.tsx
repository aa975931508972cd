import { Button } from '../../../ui/components.tsx';
import { AuthLayout } from '../../../ui/layouts.tsx';

/** The one answer for an emailed link that is unknown, used or expired — the same whatever the reason. */
export function LinkNoLongerValidPage(props: { spaName: string; kind: 'invitation' | 'reset' }) {
  const invitation = props.kind === 'invitation';
  return (
    <AuthLayout title="This link no longer works" brand={props.spaName}>
      <div class="stack">
        <p>
          {invitation
            ? 'Invitation links work once, for 7 days. Ask the person who invited you to send a new one.'
            : 'Password reset links work once, for 30 minutes. You can ask for a new one.'}
        </p>
        <div class="notice-actions">
          {invitation ? (
            <Button variant="primary" size="lg" block href="/login">
              Go to sign-in
            </Button>
          ) : (
            <Button variant="primary" size="lg" block href="/password/forgot">
              Send me a new link
            </Button>
          )}
        </div>
      </div>
    </AuthLayout>
  );
}
