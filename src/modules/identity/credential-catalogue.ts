/** The licence kinds the identity migration accepts (credentials.kind), with the names people use. */
export const CREDENTIAL_KINDS = {
  MD: 'MD — Physician',
  DO: 'DO — Osteopathic physician',
  NP: 'NP — Nurse practitioner',
  PA: 'PA — Physician assistant',
  RN: 'RN — Registered nurse',
  LVN: 'LVN — Licensed vocational nurse',
  esthetician: 'Esthetician',
  laser_technician: 'Laser technician',
  electrologist: 'Electrologist',
} as const;

export type CredentialKind = keyof typeof CREDENTIAL_KINDS;

export function isCredentialKind(value: string): value is CredentialKind {
  return Object.hasOwn(CREDENTIAL_KINDS, value);
}

/** Short label for badges: "NP", "Esthetician". */
export function credentialShortName(kind: string): string {
  if (!isCredentialKind(kind)) return kind;
  const label = CREDENTIAL_KINDS[kind];
  return label.includes(' — ') ? kind : label;
}

/** US states, DC and territories that license clinicians. */
export const LICENCE_STATES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut', DE: 'Delaware',
  DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa',
  KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota',
  MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey',
  NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon',
  PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming', PR: 'Puerto Rico',
  GU: 'Guam', VI: 'U.S. Virgin Islands', AS: 'American Samoa', MP: 'Northern Mariana Islands',
};

/** How a licence stands on a given day (YYYY-MM-DD): expired, due within 60 days, or fine. */
export function credentialStanding(expiresOn: string | null, today: string): 'expired' | 'expiring' | 'valid' {
  if (!expiresOn) return 'valid';
  if (expiresOn < today) return 'expired';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + 60);
  return expiresOn <= soon.toISOString().slice(0, 10) ? 'expiring' : 'valid';
}
