const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a well-formed record id; anything else is answered 404 without asking the database. */
export function isRecordId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

// Control characters other than tab and newline have no business in text a person typed.
export const MULTILINE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const SINGLE_LINE_CONTROL = /[\u0000-\u001f\u007f]/;
