/** The record's Photos tab: the client's photos grouped by visit, the upload form, and what was removed. */
import { Alert, Button, Card, CsrfField, EmptyState, Field, SelectField } from '../../../../ui/components.tsx';
import { FieldError, FieldHint } from '../../../../ui/components/field-parts.tsx';
import { formatDateTime } from '../../../../ui/format.ts';
import type { ClientAccess } from '../../../clients/access.ts';
import type { ClientRecord } from '../../../clients/records.ts';
import { ClientHeader } from '../../../clients/views/client-header.tsx';
import type { PhotoGroup } from '../gallery.ts';
import { AREA_SUGGESTIONS, MAX_PHOTOS_PER_UPLOAD } from '../photo-forms.ts';
import { PHOTO_KINDS, type PhotoKind, type RemovedPhoto } from '../photos.ts';
import { MAX_PHOTO_BYTES } from '../image.ts';
import { areaText, CameraIcon, KindBadge, longDay, PhotoTile, visitChoiceLabel, visitSummary, visitTime, type ShownPhoto, type Visit } from './photo-parts.tsx';

export interface UploadFormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export interface PhotosPageProps {
  record: ClientRecord;
  access: ClientAccess;
  csrfToken: string;
  notice?: string;
  groups: PhotoGroup<ShownPhoto, Visit>[];
  removed: RemovedPhoto[];
  /** Visits a new photo may belong to; null when the reader may not see appointments. */
  visits: { choices: Visit[]; preselect: string | null } | null;
  now: Date;
  canUpload: boolean;
  form?: UploadFormState;
}

function Group(props: { group: PhotoGroup<ShownPhoto, Visit>; base: string }) {
  const { group } = props;
  const headingId = `photos-${group.key.replace(/[^a-z0-9-]/gi, '-')}`;
  return (
    <section class="photo-group" aria-labelledby={headingId}>
      <header class="photo-group__head">
        <h3 class="photo-group__title" id={headingId}>
          {longDay(group.day)}
          {group.visit ? <span class="photo-group__time"> · {visitTime(group.visit)}</span> : null}
        </h3>
        <p class="photo-group__meta">{group.visit ? visitSummary(group.visit) : group.atVisit ? 'Taken at a visit' : 'Not linked to a visit'}</p>
      </header>
      <ul class="photo-grid">
        {group.photos.map((p) => (
          <PhotoTile photo={p} base={props.base} />
        ))}
      </ul>
    </section>
  );
}

function Removed(props: { removed: RemovedPhoto[]; timeZone: string }) {
  if (props.removed.length === 0) return null;
  const n = props.removed.length;
  return (
    <details class="photo-removed">
      <summary>
        {n} removed photo{n === 1 ? '' : 's'} <span class="muted">· kept in the record, not shown</span>
      </summary>
      <ul class="item-list photo-removed__list">
        {props.removed.map((r) => (
          <li class="item-list__item">
            <div>
              <KindBadge kind={r.kind} /> <strong>{areaText(r.area)}</strong>
              <div class="item-list__meta">
                Removed {formatDateTime(r.removedAt, props.timeZone)}
                {r.removedBy ? ` by ${r.removedBy}` : ''}: “{r.reason}”
              </div>
            </div>
          </li>
        ))}
      </ul>
    </details>
  );
}

function UploadForm(props: { base: string; csrfToken: string; visits: PhotosPageProps['visits']; now: Date; form?: UploadFormState }) {
  const values = props.form?.values ?? {};
  const errors = props.form?.errors ?? {};
  const kind = (values.kind ?? 'before') as PhotoKind;
  const visit = values.appointment_id ?? props.visits?.preselect ?? '';
  const fileHint = `JPEG or PNG, up to ${MAX_PHOTO_BYTES / (1024 * 1024)} MB each, ${MAX_PHOTOS_PER_UPLOAD} at a time. On a tablet or phone this opens the camera.`;
  return (
    <Card title="Add photos" id="add-photos" class="photo-upload">
      <form method="post" action={`${props.base}/photos`} enctype="multipart/form-data" class="stack" novalidate>
        <CsrfField token={props.csrfToken} />
        <fieldset class={`field photo-kinds${errors.kind ? ' field--invalid' : ''}`} aria-describedby={errors.kind ? 'field-kind-error' : undefined}>
          <legend class="field__label">Kind</legend>
          <div class="photo-kinds__options">
            {(Object.keys(PHOTO_KINDS) as PhotoKind[]).map((k) => (
              <label class="photo-kinds__option">
                <input type="radio" name="kind" value={k} checked={k === kind} />
                <span>{PHOTO_KINDS[k]}</span>
              </label>
            ))}
          </div>
          <FieldError id="field-kind-error" message={errors.kind} />
        </fieldset>
        <Field name="area" label="Area" optional value={values.area} error={errors.area} maxlength={80} autocomplete="off" hint="e.g. Forehead, Lips, Jawline" attrs={{ list: 'photo-area-suggestions' }} />
        <datalist id="photo-area-suggestions">
          {AREA_SUGGESTIONS.map((a) => (
            <option value={a} />
          ))}
        </datalist>
        {props.visits ? (
          <SelectField
            name="appointment_id"
            label="Visit"
            value={visit}
            error={errors.appointment_id}
            options={[{ value: '', label: 'Not linked to a visit' }, ...props.visits.choices.map((v) => ({ value: v.id, label: visitChoiceLabel(v, props.now) }))]}
            hint="The visit’s chart shows its photos."
          />
        ) : null}
        <div class={`field photo-upload__files${errors.photos ? ' field--invalid' : ''}`}>
          <label class="field__label" for="field-photos">
            Photos
          </label>
          <FieldHint id="field-photos-hint">{fileHint}</FieldHint>
          <label class="photo-upload__drop" for="field-photos">
            <CameraIcon class="photo-upload__icon" />
            <span class="photo-upload__cta">Take or choose photos</span>
          </label>
          <input
            class="photo-upload__input"
            id="field-photos"
            type="file"
            name="photos"
            accept="image/jpeg,image/png"
            capture="environment"
            multiple
            required
            aria-invalid={errors.photos ? 'true' : undefined}
            aria-describedby={errors.photos ? 'field-photos-error field-photos-hint' : 'field-photos-hint'}
          />
          <FieldError id="field-photos-error" message={errors.photos} />
        </div>
        <Button variant="primary" block>
          Upload photos
        </Button>
        <p class="photo-upload__note">Photos are re-drawn without location or camera data and stored encrypted.</p>
      </form>
    </Card>
  );
}

export function PhotosPage(props: PhotosPageProps) {
  const base = `/clients/${props.record.profile.id}`;
  const count = props.groups.reduce((n, g) => n + g.photos.length, 0);
  return (
    <div class="stack-lg">
      <ClientHeader record={props.record} access={props.access} tab="photos" notice={props.notice} />
      {props.form && Object.keys(props.form.errors).length ? (
        <Alert tone="error" title="The photos were not saved">
          <a href="#add-photos">Check the form</a>: {Object.values(props.form.errors)[0]}
        </Alert>
      ) : null}
      <div class={props.canUpload ? 'photos-layout' : 'photos-layout photos-layout--single'}>
        <div class="stack photos-layout__main">
          <div class="section-head">
            <h2 class="section-title">
              {count === 0 ? 'Photos' : `${count} photo${count === 1 ? '' : 's'}`}
            </h2>
            {count >= 2 ? (
              <Button href={`${base}/photos/compare`} variant="secondary" size="sm">
                Compare side by side
              </Button>
            ) : null}
          </div>
          {count === 0 ? (
            <EmptyState title="No photos yet" headingLevel={3}>
              {props.canUpload ? 'Before and after photos taken at a visit appear here, grouped by visit. Add the first with the form.' : 'Before and after photos taken at a visit appear here, grouped by visit.'}
            </EmptyState>
          ) : (
            props.groups.map((g) => <Group group={g} base={base} />)
          )}
          <Removed removed={props.removed} timeZone={props.record.calendar.timeZone} />
        </div>
        {props.canUpload ? (
          <aside class="photos-layout__aside" aria-label="Add photos">
            <UploadForm base={base} csrfToken={props.csrfToken} visits={props.visits} now={props.now} form={props.form} />
          </aside>
        ) : null}
      </div>
    </div>
  );
}
