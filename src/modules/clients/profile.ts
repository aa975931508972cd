/** A client's profile as stored: one property per column (the form names are the same). */
export interface ClientProfile {
  id: string;
  status: 'active' | 'merged';
  merged_into: string | null;
  first_name: string;
  last_name: string;
  preferred_name: string;
  pronouns: string;
  date_of_birth: string;
  sex: 'female' | 'male' | 'intersex' | 'unknown';
  gender_identity: string;
  preferred_language: 'en' | 'es';
  email: string | null;
  mobile_phone: string | null;
  other_phone: string | null;
  address_line1: string;
  address_line2: string;
  city: string;
  region: string;
  postal_code: string;
  emergency_name: string;
  emergency_relationship: string;
  emergency_phone: string | null;
  sms_consent: boolean;
  sms_consent_at: Date | null;
  sms_consent_method: string | null;
  email_consent: boolean;
  email_consent_at: Date | null;
  email_consent_method: string | null;
  tags: string[];
  referral_source: string;
  front_desk_notes: string;
  is_member: boolean;
  created_at: Date;
  updated_at: Date;
}

/** The select list that fills a ClientProfile (from `clients c`). */
export const PROFILE_COLUMNS = `c.id, c.status, c.merged_into, c.first_name, c.last_name, c.preferred_name, c.pronouns,
  c.date_of_birth::text AS date_of_birth, c.sex, c.gender_identity, c.preferred_language, c.email::text AS email,
  c.mobile_phone, c.other_phone, c.address_line1, c.address_line2, c.city, c.region, c.postal_code,
  c.emergency_name, c.emergency_relationship, c.emergency_phone,
  c.sms_consent, c.sms_consent_at, c.sms_consent_method, c.email_consent, c.email_consent_at, c.email_consent_method,
  c.tags, c.referral_source, c.front_desk_notes, c.is_member, c.created_at, c.updated_at`;

/** How a client is named on screen: preferred first name when there is one. */
export function displayName(p: Pick<ClientProfile, 'first_name' | 'last_name' | 'preferred_name'>): string {
  return `${p.preferred_name || p.first_name} ${p.last_name}`;
}
