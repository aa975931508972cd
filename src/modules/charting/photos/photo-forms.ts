/** The photo forms' fields and how each is checked. Pure: no I/O. */
import { z } from 'zod';
import { PHOTO_KINDS, type PhotoKind } from './photos.ts';

/** One upload sends at most this many photos, and this many bytes in all (the route declares it). */
export const MAX_PHOTOS_PER_UPLOAD = 10;
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const noMarkup = (v: string) => !/[<>]/.test(v) && !/\p{Cc}/u.test(v);
const orEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => v ?? '', schema);

/** Areas offered as suggestions; any other short text is accepted. */
export const AREA_SUGGESTIONS = [
  'Full face',
  'Forehead',
  'Glabella',
  'Crow’s feet',
  'Under eyes',
  'Cheeks',
  'Nasolabial folds',
  'Lips',
  'Marionette lines',
  'Chin',
  'Jawline',
  'Neck',
  'Décolletage',
  'Hands',
] as const;

export const uploadSchema = z.object({
  kind: orEmpty(z.enum(Object.keys(PHOTO_KINDS) as [PhotoKind, ...PhotoKind[]], { error: 'Choose before, after or progress.' })),
  area: orEmpty(
    z
      .string()
      .trim()
      .max(80, 'Area: use at most 80 characters.')
      .refine(noMarkup, 'Area cannot contain < or > or invisible characters.'),
  ),
  appointment_id: orEmpty(
    z
      .string()
      .trim()
      .refine((v) => v === '' || UUID.test(v), 'Choose one of this client’s visits, or none.')
      .transform((v) => (v === '' ? null : v.toLowerCase())),
  ),
});
export type UploadFields = z.infer<typeof uploadSchema>;

export const removeSchema = z.object({
  reason: orEmpty(
    z
      .string()
      .trim()
      .min(3, 'Say why the photo is removed, e.g. “Blurred” or “Wrong client”.')
      .max(300, 'Reason: use at most 300 characters.')
      .refine(noMarkup, 'The reason cannot contain < or > or invisible characters.'),
  ),
});
