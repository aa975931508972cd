/** One photo, large, with what is known about it: kind, area, visit, who took it; download, compare, remove. */
import { Button, Card, CsrfField, TextareaField } from '../../../../ui/components.tsx';
import { formatDateTime } from '../../../../ui/format.ts';
import type { ClientAccess } from '../../../clients/access.ts';
import type { ClientRecord } from '../../../clients/records.ts';
import { ClientHeader } from '../../../clients/views/client-header.tsx';
import { PHOTO_KINDS } from '../photos.ts';
import { areaText, KindBadge, photoAlt, visitSummary, visitWhen, type ShownPhoto, type Visit } from './photo-parts.tsx';
import type { UploadFormState } from './photos-page.tsx';

export interface PhotoPageProps {
  record: ClientRecord;
  access: ClientAccess;
  csrfToken: string;
  photo: ShownPhoto;
  /** The visit it was taken at, when the reader may see appointments. */
  visit: Visit | null;
  canRemove: boolean;
  removeForm?: UploadFormState;
  now: Date;
}

const fileSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

export function PhotoPage(props: PhotoPageProps) {
  const { photo } = props;
  const base = `/clients/${props.record.profile.id}`;
  const zone = props.record.calendar.timeZone;
  const removing = props.removeForm !== undefined;
  return (
    <div class="stack-lg">
      <ClientHeader record={props.record} access={props.access} tab="photos" />
      <div class="cluster photo-nav">
        <a href={`${base}/photos`}>← All photos</a>
      </div>
      <div class="photo-detail">
        <figure class="photo-detail__figure">
          <img class="photo-detail__img" src={photo.links.full} alt={photoAlt(photo)} width={photo.width} height={photo.height} />
        </figure>
        <div class="stack photo-detail__side">
          <Card title={`${PHOTO_KINDS[photo.kind]} photo`} id="photo-facts">
            <dl class="photo-facts">
              <dt>Kind</dt>
              <dd>
                <KindBadge kind={photo.kind} />
              </dd>
              <dt>Area</dt>
              <dd>{areaText(photo.area)}</dd>
              <dt>{photo.appointmentId ? 'Visit' : 'Taken'}</dt>
              <dd>
                {props.visit ? (
                  <>
                    {visitWhen(props.visit, props.now)}
                    <div class="muted text-sm">{visitSummary(props.visit)}</div>
                  </>
                ) : (
                  formatDateTime(photo.takenAt, zone)
                )}
              </dd>
              <dt>Uploaded</dt>
              <dd>
                {formatDateTime(photo.createdAt, zone)}
                {photo.uploadedBy ? ` by ${photo.uploadedBy}` : ''}
              </dd>
              <dt>Size</dt>
              <dd>
                {photo.width} × {photo.height} px · {fileSize(photo.byteSize)}
              </dd>
            </dl>
            <div class="btn-row photo-facts__actions">
              <Button href={`${base}/photos/compare?a=${photo.id}`} variant="primary" size="sm">
                Compare with another photo
              </Button>
              <Button href={photo.links.download} variant="secondary" size="sm">
                Download
              </Button>
            </div>
          </Card>
          {props.canRemove ? (
            <details class="confirm photo-remove" open={removing}>
              <summary class="btn btn--sm btn--secondary confirm__summary--danger">Remove this photo…</summary>
              <div class="confirm__panel">
                <form method="post" action={`${base}/photos/${photo.id}/remove`} class="stack" novalidate>
                  <CsrfField token={props.csrfToken} />
                  <p class="confirm__text">The photo disappears from the client’s photos. It is kept in the record with your name, the time and your reason.</p>
                  <TextareaField name="reason" label="Why is it removed?" rows={2} maxlength={300} value={props.removeForm?.values.reason} error={props.removeForm?.errors.reason} hint="e.g. Blurred, Wrong client, Duplicate" />
                  <Button variant="danger" size="sm">
                    Remove photo
                  </Button>
                </form>
              </div>
            </details>
          ) : null}
        </div>
      </div>
    </div>
  );
}
