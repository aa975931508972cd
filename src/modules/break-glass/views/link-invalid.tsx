import { AuthLayout } from '../../../ui/layouts.tsx';

/** The one answer for a break-glass link that is unknown here, already used, ended or past its time. */
export function WindowLinkInvalidPage(props: { spaName: string }) {
  return (
    <AuthLayout title="This break-glass link no longer works" brand={props.spaName}>
      <div class="stack">
        <p>A break-glass link opens one spa, once, until its window ends. If access is still needed, open a new window from the Lumè console: the spa is told again.</p>
      </div>
    </AuthLayout>
  );
}
