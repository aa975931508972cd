/**
 * /security (MKT-7): the security posture as built, in plain language — the same facts as
 * docs/security.md. Anything not built yet is listed as such in the last section.
 */
import { MarketingLayout, type MarketingAnalytics } from '../../../ui/layouts.tsx';
import { DemoCta, DocPage, Note, PageIntro, type DocSection } from './parts.tsx';

const sections: DocSection[] = [
  {
    id: 'isolation',
    title: 'Each spa is walled off by the database',
    body: (
      <>
        <p>
          Every table that holds a spa’s data carries the spa it belongs to, and PostgreSQL’s row-level security decides which
          rows a request may see. The rule is <strong>forced</strong>, so it applies even to the tables’ owner, and Lumè’s
          application connects to the database as a role that is not allowed to bypass it.
        </p>
        <p>
          Each request states which spa it works for at the start of its database transaction. A query that forgets to filter
          by spa still cannot return another spa’s rows, and a request that names no spa sees nothing at all.
        </p>
        <p>
          An address for a spa that does not exist, or is suspended, gets the same “page not found” as any other wrong
          address, so nobody can probe which spas use Lumè.
        </p>
      </>
    ),
  },
  {
    id: 'sign-in',
    title: 'Two-step sign-in for everyone',
    body: (
      <>
        <p>
          Every member of a spa’s team signs in with a password and a six-digit code from an authenticator app. There is no
          setting to turn this off. The first sign-in sets up the app and shows ten single-use recovery codes, once.
        </p>
        <ul>
          <li>A code is never accepted twice, and only a small allowance is made for a phone’s clock being slightly off.</li>
          <li>The secret behind each person’s codes is stored encrypted with the spa’s own key; recovery codes are stored only as keyed hashes.</li>
          <li>
            Attempts are limited per network address, and ten failures for one email within 15 minutes pause sign-in for that
            email and alert the spa’s owners. The answer never reveals whether an account exists.
          </li>
        </ul>
      </>
    ),
  },
  {
    id: 'passwords',
    title: 'Passwords',
    body: (
      <ul>
        <li>Hashed with argon2id, a deliberately slow, memory-hard algorithm; Lumè never stores a password itself.</li>
        <li>At least 12 characters and never cut short, so long passphrases keep all their strength.</li>
        <li>Refused when it appears among a million passwords exposed in breaches, when it is easy to guess, or when it contains the spa’s name or the person’s own name or email.</li>
      </ul>
    ),
  },
  {
    id: 'sessions',
    title: 'Sessions and automatic logoff',
    body: (
      <ul>
        <li>A signed-in browser holds a random 256-bit token in a cookie that scripts cannot read and other sites cannot send. Lumè keeps only a hash of it.</li>
        <li>The token is replaced at each step of sign-in.</li>
        <li>After a period of inactivity that each spa chooses (15 minutes unless changed, anywhere from 5 to 30), the session ends, with a warning two minutes before. No session lasts more than 12 hours.</li>
        <li>Signing out ends the person’s sessions on every device.</li>
      </ul>
    ),
  },
  {
    id: 'permissions',
    title: 'Permissions checked on every request',
    body: (
      <p>
        What a person may do comes from their roles, and the roles come from the database on every request — not from a copy
        made when they signed in — so removing a permission takes effect immediately. Every page and action in Lumè declares
        the permission it needs, and an automated test fails if any is opened to the public without review.
      </p>
    ),
  },
  {
    id: 'audit',
    title: 'An audit trail that cannot be quietly edited',
    body: (
      <>
        <p>
          Lumè records each access in an audit trail: who, with which role, what they did, to which record and which client,
          when, from which address and device, and whether it succeeded. The record is written in the same database
          transaction as the work it describes, so there is never an access without its entry. It never contains the
          patient information itself.
        </p>
        <ul>
          <li>The application may add entries but cannot change or delete them; the database refuses.</li>
          <li>Entries are sealed with a keyed hash (HMAC) whose key is kept outside the database. A verification command checks every seal and names the first entry that does not match.</li>
          <li>The spa’s owner, and anyone the owner gives the permission to, can search the trail, export it as CSV and produce a report of everyone who accessed one client’s records.</li>
        </ul>
      </>
    ),
  },
  {
    id: 'encryption',
    title: 'Encryption',
    body: (
      <ul>
        <li>
          Each spa has its own data key. Files stored in Lumè are encrypted with it using AES-256-GCM, and bound to the spa
          and the file’s place, so a file copied elsewhere does not decrypt.
        </li>
        <li>The data keys themselves are stored only in encrypted form, wrapped by a master key that comes from configuration and never from the database.</li>
        <li>When Lumè is served over HTTPS, browsers are told to use nothing else for a year (HSTS).</li>
      </ul>
    ),
  },
  {
    id: 'web',
    title: 'Hardened web pages',
    body: (
      <ul>
        <li>A strict Content Security Policy: pages may load scripts and styles only from Lumè itself, and no inline script runs.</li>
        <li>Every form that changes something is protected against cross-site request forgery, by the browser’s own signals and a signed token.</li>
        <li>Lumè’s pages cannot be framed by another site.</li>
        <li>No patient information in web addresses, in logs or on error pages. An unexpected error shows only a reference number.</li>
      </ul>
    ),
  },
  {
    id: 'tracking',
    title: 'No trackers',
    body: (
      <p>
        There are no advertising pixels, retargeting, social widgets or session recordings anywhere in Lumè. The only cookie
        this website sets protects the demo request form. When visit counting is switched on, it is cookieless and aggregate,
        and it runs on this website only — never inside a spa’s Lumè. See the <a href="/privacy">privacy policy</a>.
      </p>
    ),
  },
  {
    id: 'tested',
    title: 'Checked by automated tests',
    body: (
      <p>
        A test suite finds every spa-owned table in the database catalog and tries to read, insert, move, change and delete
        rows across spas, as the application’s own role; it also breaks a table on purpose to prove it would notice. Other
        suites check the security headers on every page, the permission on every route, and that the audit trail detects
        tampering.
      </p>
    ),
  },
  {
    id: 'building',
    title: 'Still being built',
    body: (
      <>
        <p>These safeguards are part of Lumè’s design and are not live yet:</p>
        <ul>
          <li>A time-limited, audited emergency access path for Lumè support staff, requiring a written reason and notifying the spa at once. Until it exists, the product gives Lumè staff no way into a spa’s records.</li>
          <li>Encrypted, rotated backups with regularly tested restores.</li>
          <li>Self-service export of a spa’s data, and certified deletion at the end of a contract.</li>
          <li>Incident tracking that finds the spas and clients affected by an event from the audit trail.</li>
        </ul>
        <Note>We move each item into the sections above when it ships, and not before.</Note>
      </>
    ),
  },
];

export function SecurityPage(props: { analytics?: MarketingAnalytics }) {
  return (
    <MarketingLayout
      title="Security"
      description="How Lumè protects a medical spa’s data today: database-enforced separation between spas, two-step sign-in for everyone, argon2id passwords, per-spa file encryption, a sealed audit trail and a strict Content Security Policy."
      analytics={props.analytics}
      currentPath="/security"
    >
      <PageIntro
        eyebrow="Security"
        title="How Lumè protects your spa’s data"
        lede="What is on this page is how Lumè works today, described without jargon where we can. What is still being built is listed at the end, clearly marked."
      />
      <DocPage sections={sections} label="Security topics">
        <Note>
          Lumè signs a Business Associate Agreement with every spa. <a href="/baa">What the BAA covers</a>.
        </Note>
      </DocPage>
      <DemoCta title="Questions from your compliance lead?" text="Bring them to a demo. We’ll walk through each safeguard and show you where it lives." />
    </MarketingLayout>
  );
}
