/**
 * Before/after photos on the client record (issue #6, checklist #31): the Photos tab, one photo,
 * two side by side, upload, removal, and the image itself behind a short-lived signed link.
 */
import type { Context } from 'hono';
import { withTenant, type ServiceCtx } from '../../../infra/db/tenant.ts';
import type { AppEnv } from '../../../infra/http/context.ts';
import { csrfToken } from '../../../infra/http/csrf.ts';
import { HttpError, notFound } from '../../../infra/http/errors.ts';
import { parseForm } from '../../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../../infra/http/router.ts';
import { requestScope } from '../../../infra/http/scope.ts';
import { crmPage } from '../../../ui/crm-page.tsx';
import { clientAccess, type ClientAccess } from '../../clients/access.ts';
import { clientAppointments } from '../../clients/appointments.ts';
import { readClientRecord, type ClientRecord } from '../../clients/records.ts';
import { isRecordId } from '../../identity/form-list.ts';
import { demandPermission } from '../../identity/guard.ts';
import { defaultPair, groupByVisit, pairFor, visitChoices } from './gallery.ts';
import { PhotoRefusedError, PhotosBusyError, preparePhotos, type PreparedPhoto } from './image.ts';
import { treatsClient } from '../treats.ts';
import { photoLinkKey, verifyPhotoLink } from './photo-links.ts';
import { photoLinker } from './signed-links.ts';
import { MAX_PHOTOS_PER_UPLOAD, MAX_UPLOAD_BYTES, removeSchema, uploadSchema } from './photo-forms.ts';
import { listClientPhotos, photoFile, readPhoto, removePhoto, storePhotos } from './photos.ts';
import { ComparePage } from './views/compare-page.tsx';
import { PhotoPage } from './views/photo-page.tsx';
import type { ShownPhoto, Visit } from './views/photo-parts.tsx';
import { PhotosPage, type UploadFormState } from './views/photos-page.tsx';

const SECTION = '/clients';

/** Fixed confirmations, named in the redirect's query (never data). */
const DONE: Record<string, string> = {
  uploaded: 'Photo saved. It is stored encrypted and opens only for people allowed to see photos.',
  'uploaded-many': 'Photos saved. They are stored encrypted and open only for people allowed to see photos.',
  removed: 'Photo removed. It stays in the record, with your name and reason, under “removed photos”.',
};

function param(c: Context<AppEnv>, name: string): string {
  const id = c.req.param(name);
  if (!isRecordId(id)) throw notFound();
  return id.toLowerCase();
}

type Loaded<T> = { redirect: string } | { record: ClientRecord; access: ClientAccess; data: T };

/**
 * The client's record for the page header (its audit row included) and the page's own data, in
 * one transaction; a merged record sends the reader to the one it became.
 */
async function load<T>(c: Context<AppEnv>, id: string, more: (ctx: ServiceCtx, record: ClientRecord) => Promise<T>): Promise<Loaded<T>> {
  await demandPermission(c, 'read:client:any'); // the page shows the record's header too
  const access = clientAccess(c.get('principal')!.permissions);
  return withTenant(c.var.deps.db, requestScope(c), async (ctx): Promise<Loaded<T>> => {
    const record = await readClientRecord(ctx, id, access, c.var.deps.now());
    if (!record) throw notFound();
    if ('mergedInto' in record) return { redirect: `/clients/${record.mergedInto}` };
    return { record, access, data: await more(ctx, record) };
  });
}

/**
 * A provider sees the photos of clients they treat (treats.ts); `read:photo:any` sees every
 * client's. Refused like any other missing permission: 403, audited.
 */
async function demandTreats(c: Context<AppEnv>, clientId: string): Promise<void> {
  if (c.get('principal')!.permissions.has('read:photo:any')) return;
  const ok = await withTenant(c.var.deps.db, requestScope(c), (ctx) => seesPhotosOf(c, ctx, clientId));
  if (!ok) throw new HttpError(403, NOT_TREATED);
}

const NOT_TREATED = 'You can see the photos of clients you treat.';

/** The same check inside a transaction the route already holds; a refusal is audited there. */
async function seesPhotosOf(c: Context<AppEnv>, ctx: ServiceCtx, clientId: string): Promise<boolean> {
  const principal = c.get('principal')!;
  if (principal.permissions.has('read:photo:any')) return true;
  const treats = await treatsClient(ctx, clientId, principal.operatorId, c.var.deps.now());
  if (!treats) ctx.audit({ action: 'read', recordType: 'client_photos', recordId: clientId, clientIds: [clientId], outcome: 'denied' });
  return treats;
}

const seesVisits = (c: Context<AppEnv>) => c.get('principal')!.permissions.has('read:appointment:any');
const mayUpload = (c: Context<AppEnv>) => c.get('principal')!.permissions.has('write:photo:any');

async function renderPhotos(c: Context<AppEnv>, id: string, form?: UploadFormState, status: 200 | 400 | 413 | 415 | 422 = 200) {
  const loaded = await load(c, id, async (ctx) => ({
    list: await listClientPhotos(ctx, id),
    visits: seesVisits(c) ? await clientAppointments(ctx, id) : null,
  }));
  if ('redirect' in loaded) return c.redirect(`${loaded.redirect}/photos`, 302);
  const { list, visits } = loaded.data;
  const shown = list.photos.map(photoLinker(c));
  c.status(status);
  return crmPage(
    c,
    { title: 'Client · Photos', section: SECTION },
    <PhotosPage
      record={loaded.record}
      access={loaded.access}
      csrfToken={csrfToken(c)}
      notice={DONE[c.req.query('done') ?? '']}
      groups={groupByVisit<ShownPhoto, Visit>(shown, visits ?? [], loaded.record.calendar.timeZone)}
      removed={list.removed}
      visits={visits ? visitChoices(visits, c.var.deps.now()) : null}
      now={c.var.deps.now()}
      canUpload={mayUpload(c)}
      form={form}
    />,
  );
}

async function renderPhoto(c: Context<AppEnv>, id: string, photoId: string, removeForm?: UploadFormState, status: 200 | 400 = 200) {
  const loaded = await load(c, id, async (ctx) => {
    const photo = await readPhoto(ctx, id, photoId);
    if (!photo) throw notFound();
    const visit = photo.appointmentId && seesVisits(c) ? ((await clientAppointments(ctx, id)).find((v) => v.id === photo.appointmentId) ?? null) : null;
    return { photo, visit };
  });
  if ('redirect' in loaded) return c.redirect(`${loaded.redirect}/photos`, 302);
  c.status(status);
  return crmPage(
    c,
    { title: 'Client · Photo', section: SECTION },
    <PhotoPage
      record={loaded.record}
      access={loaded.access}
      csrfToken={csrfToken(c)}
      photo={photoLinker(c)(loaded.data.photo)}
      visit={loaded.data.visit}
      canRemove={mayUpload(c)}
      removeForm={removeForm}
      now={c.var.deps.now()}
    />,
  );
}

/** The name of an uploaded file as the person chose it, shortened for a message (it stays on their page, never in logs). */
const fileLabel = (file: File | undefined) => {
  const name = (file?.name ?? '').replace(/\p{Cc}/gu, '').trim();
  return name ? `“${name.length > 60 ? `${name.slice(0, 57)}…` : name}”` : 'One of the files';
};

export function registerPhotoRoutes(router: SurfaceRouter): void {
  router.get('/clients/:id/photos', 'read:photo:own', async (c) => {
    await demandTreats(c, param(c, 'id'));
    return renderPhotos(c, param(c, 'id'));
  });

  router.post(
    '/clients/:id/photos',
    'write:photo:any',
    async (c) => {
      const id = param(c, 'id');
      await demandPermission(c, 'read:photo:own'); // the page it answers with shows the photos
      await demandTreats(c, id);
      const body = await c.req.parseBody({ all: true });
      const values: Record<string, string> = {};
      for (const name of ['kind', 'area', 'appointment_id']) if (typeof body[name] === 'string') values[name] = body[name];
      const files = [body.photos ?? []].flat().filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ''));
      const fields = uploadSchema.safeParse(values);
      const errors: Record<string, string> = {};
      if (!fields.success) for (const issue of fields.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
      if (files.length === 0) errors.photos = 'Choose at least one photo.';
      else if (files.length > MAX_PHOTOS_PER_UPLOAD) errors.photos = `Send at most ${MAX_PHOTOS_PER_UPLOAD} photos at a time. Nothing was saved.`;
      if (!fields.success || errors.photos) return renderPhotos(c, id, { values, errors }, 400);

      let prepared: PreparedPhoto[];
      try {
        prepared = await preparePhotos(await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer()))));
      } catch (error) {
        if (error instanceof PhotoRefusedError) {
          const which = files.length > 1 ? `${fileLabel(files[error.file])}: ` : '';
          return renderPhotos(c, id, { values, errors: { photos: `${which}${error.message} Nothing was saved.` } }, error.status);
        }
        if (error instanceof PhotosBusyError) throw new HttpError(503, error.message, { 'Retry-After': '5' });
        throw error;
      }
      const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => storePhotos(ctx, c.var.deps.files, id, { kind: fields.data.kind, area: fields.data.area, appointmentId: fields.data.appointment_id }, prepared));
      if (!result.ok && result.status === 404) throw notFound();
      if (!result.ok) return renderPhotos(c, id, { values, errors: result.status === 400 ? result.errors : {} }, 400);
      return c.redirect(`/clients/${id}/photos?done=${result.ids.length === 1 ? 'uploaded' : 'uploaded-many'}#photo-${result.ids[0]}`, 303);
    },
    { bodyLimit: { bytes: MAX_UPLOAD_BYTES, tooLarge: `Those photos add up to more than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB. Nothing was saved: send fewer at a time (each up to 20 MB).` } },
  );

  // Before /clients/:id/photos/:photoId, so that "compare" is not taken for a photo.
  router.get('/clients/:id/photos/compare', 'read:photo:own', async (c) => {
    await demandTreats(c, param(c, 'id'));
    const id = param(c, 'id');
    const loaded = await load(c, id, (ctx) => listClientPhotos(ctx, id));
    if ('redirect' in loaded) return c.redirect(`${loaded.redirect}/photos/compare`, 302);
    const photos = loaded.data.photos.map(photoLinker(c)).sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
    const find = (name: string) => photos.find((p) => p.id === c.req.query(name)?.toLowerCase());
    const [a, b] = [find('a'), find('b')];
    // Both chosen, or one (from a photo's page, paired with its best match), or the default pair.
    const pair = a && b ? ([a, b] as [ShownPhoto, ShownPhoto]) : a ? pairFor(photos, a) : defaultPair(photos);
    return crmPage(c, { title: 'Client · Compare photos', section: SECTION }, <ComparePage record={loaded.record} access={loaded.access} photos={photos} pair={pair} />);
  });

  router.get('/clients/:id/photos/:photoId', 'read:photo:own', async (c) => {
    await demandTreats(c, param(c, 'id'));
    return renderPhoto(c, param(c, 'id'), param(c, 'photoId'));
  });

  router.get('/clients/:id/photos/:photoId/image', 'read:photo:own', async (c) => {
    const clientId = param(c, 'id');
    const photoId = param(c, 'photoId');
    const { deps } = c.var;
    const claims = { tenantId: c.var.tenant.id, clientId, photoId, sessionId: c.get('principal')!.sessionId };
    const verdict = verifyPhotoLink(photoLinkKey(deps.config.secret), claims, c.req.query('t'), deps.now());
    if (verdict !== 'valid') {
      // Recorded (a copied or replayed link is worth seeing in the trail), naming no client: nothing was read.
      await withTenant(deps.db, requestScope(c), async (ctx) => ctx.audit({ action: 'read', recordType: 'photo', recordId: photoId, outcome: 'denied' }));
      // A link drawn for another spa, client, photo or session says nothing about what exists.
      if (verdict === 'invalid') throw notFound();
      throw new HttpError(410, 'This photo link has expired. Open the client’s photos again to see it.');
    }
    const download = c.req.query('download') === '1';
    const variant = c.req.query('size') === 'thumb' && !download ? 'thumb' : 'full';
    // One transaction per image (a page of thumbnails asks for many): the provider's scope, then the bytes.
    const bytes = await withTenant(deps.db, requestScope(c), async (ctx) =>
      (await seesPhotosOf(c, ctx, clientId)) ? photoFile(ctx, deps.files, clientId, photoId, variant, download ? 'download' : 'view') : ('refused' as const),
    );
    if (bytes === 'refused') throw new HttpError(403, NOT_TREATED);
    if (!bytes) throw notFound();
    c.header('Content-Type', 'image/jpeg');
    c.header('Content-Disposition', `${download ? 'attachment' : 'inline'}; filename="photo.jpg"`);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'private, no-store');
    return c.body(new Uint8Array(bytes), 200);
  });

  router.post('/clients/:id/photos/:photoId/remove', 'write:photo:any', async (c) => {
    const id = param(c, 'id');
    const photoId = param(c, 'photoId');
    await demandPermission(c, 'read:photo:own');
    await demandTreats(c, id);
    const form = await parseForm(c, removeSchema);
    if (!form.ok) return renderPhoto(c, id, photoId, { values: form.values, errors: form.errors }, 400);
    const removed = await withTenant(c.var.deps.db, requestScope(c), (ctx) => removePhoto(ctx, id, photoId, form.data.reason));
    if (!removed) throw notFound();
    return c.redirect(`/clients/${id}/photos?done=removed`, 303);
  });
}
