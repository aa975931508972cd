/** Settings → the spa's logo: what is shown now, a file to upload in its place, and removing it. */
import { Button, Card, CsrfField } from '../../../ui/components.tsx';
import { FieldError, FieldHint } from '../../../ui/components/field-parts.tsx';
import { spaLogoUrl } from '../../../ui/components/spa-brand.tsx';
import { MAX_LOGO_BYTES } from '../logo/logo-image.ts';

export interface LogoCardView {
  spaName: string;
  /** The current logo's version, or null when the spa has none. */
  version: string | null;
  error?: string;
  csrfToken: string;
}

export function LogoCard(props: LogoCardView) {
  const describedBy = props.error ? 'field-logo-error field-logo-hint' : 'field-logo-hint';
  return (
    <Card id="logo" title="Logo" description="Shown to clients on their form pages and signed-form PDFs, and to staff in the top bar. Anyone can see it, without signing in.">
      <div class="stack">
        <div class="logo-setting__preview">
          {props.version ? <img src={spaLogoUrl(props.version)} alt={props.spaName} class="logo-setting__image" /> : <p class="logo-setting__none">No logo yet: pages show the spa’s initials.</p>}
        </div>
        <form method="post" action="/settings/logo" enctype="multipart/form-data" class="stack">
          <CsrfField token={props.csrfToken} />
          <div class={`field${props.error ? ' field--invalid' : ''}`}>
            <label class="field__label" for="field-logo">
              {props.version ? 'Replace the logo' : 'Upload a logo'}
            </label>
            <FieldHint id="field-logo-hint">PNG, JPEG or WebP, up to 2 MB. A square or wide image with a transparent background looks best; it is redrawn at most 512 × 512 pixels, without its metadata.</FieldHint>
            <input
              class="logo-setting__file"
              id="field-logo"
              type="file"
              name="logo"
              accept="image/png,image/jpeg,image/webp"
              data-max-bytes={MAX_LOGO_BYTES}
              data-too-large={`That file is larger than ${MAX_LOGO_BYTES / (1024 * 1024)} MB, the most a logo may be: export the logo smaller and choose it again.`}
              required
              aria-invalid={props.error ? 'true' : undefined}
              aria-describedby={describedBy}
            />
            <FieldError id="field-logo-error" message={props.error} />
          </div>
          <div class="form__actions">
            <Button variant="primary">{props.version ? 'Replace logo' : 'Upload logo'}</Button>
          </div>
        </form>
        {props.version ? (
          <form method="post" action="/settings/logo/remove">
            <CsrfField token={props.csrfToken} />
            <Button variant="secondary">Remove logo</Button>
          </form>
        ) : null}
      </div>
    </Card>
  );
}
