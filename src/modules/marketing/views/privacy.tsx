/**
 * /privacy (MKT-7): versioned, effective date at the top. It covers this website and demo
 * requests only; patients' information in a spa's Lumè is governed by that spa's BAA.
 */
import { MarketingLayout, type MarketingAnalytics } from '../../../ui/layouts.tsx';
import { DocPage, Note, PageIntro, type DocSection } from './parts.tsx';

export const PRIVACY_VERSION = { version: '1.0', effective: '2026-11-27' } as const;

function sections(contact: string, analytics: boolean): DocSection[] {
  return [
    {
      id: 'scope',
      title: 'What this policy covers',
      body: (
        <>
          <p>
            This policy covers Lumè’s public website — the pages you are reading — and the demo requests sent through it. It
            says what we collect, why, for how long, and what you can ask us to do with it.
          </p>
          <p>
            It does <strong>not</strong> cover patients’ information kept in a spa’s Lumè. That information belongs to the spa,
            is governed by the <a href="/baa">Business Associate Agreement</a> Lumè signs with each spa and by the spa’s own
            privacy notice, and is never used for the purposes described here.
          </p>
        </>
      ),
    },
    {
      id: 'collect',
      title: 'What we collect',
      body: (
        <>
          <p>When you request a demo, we keep what you type into the form:</p>
          <ul>
            <li>your name and work email address, and your phone number if you give it;</li>
            <li>your spa’s name, its number of locations and providers, and the system it uses today;</li>
            <li>your message, if you write one.</li>
          </ul>
          <p>
            Please do not include any patient’s information in your message. We don’t need it, and this form is not the place
            for it.
          </p>
          <p>
            To stop automated abuse, we count requests from each network (IP) address. The counts are deleted within two days
            and are not linked to what you send. Our servers log each request’s page, time and result, without your IP address
            or anything you typed.
          </p>
        </>
      ),
    },
    {
      id: 'cookies',
      title: 'Cookies',
      body: (
        <>
          <p>
            This website sets <strong>one</strong> cookie, and only when you open the demo request form. It is called{' '}
            <code>__Host-lume_csrf</code>, holds a random value, and protects the form from being sent by another website in your
            name. It cannot be read by scripts, is sent only to this website over a secure connection, and is deleted when you
            close your browser.
          </p>
          <p>No other page sets a cookie. There are no advertising, analytics or social media cookies.</p>
        </>
      ),
    },
    {
      id: 'analytics',
      title: 'Visit counts',
      body: (
        <>
          <p>
            {analytics
              ? 'We count visits to this website with Plausible Analytics. '
              : 'Visit counting is switched off on this website at present. When we switch it on, we use Plausible Analytics. '}
            Plausible uses no cookies and keeps no profile of you: it records aggregate figures such as how many people viewed a
            page, which site sent them, and their country and type of device. It does not follow you to other websites, and it
            never receives what you type into the demo form.
          </p>
          <p>We do not use advertising pixels, retargeting, social media trackers or session recording of any kind.</p>
        </>
      ),
    },
    {
      id: 'use',
      title: 'How we use your information',
      body: (
        <>
          <p>We use what you send to reply to you, arrange and prepare your demo, and decide with you whether Lumè fits your spa.</p>
          <p>
            Your request is stored in Lumè’s database and emailed to our team’s inbox through our email provider. We do not
            sell your information, share it for advertising, or add you to a mailing list you did not ask for.
          </p>
        </>
      ),
    },
    {
      id: 'sharing',
      title: 'Who else handles it',
      body: (
        <p>
          Only the service providers that help us run this website: our hosting provider, and Resend, which delivers the email
          of your request to our inbox. Each is listed, with what it does, on the <a href="/subprocessors">subprocessors page</a>.
          We disclose information to others only when the law requires it.
        </p>
      ),
    },
    {
      id: 'retention',
      title: 'How long we keep it',
      body: (
        <p>
          We keep a demo request for <strong>24 months</strong> after you send it, and then delete it automatically — unless
          your spa becomes a Lumè customer, in which case it becomes part of our customer records. You can ask us to delete it
          sooner at any time.
        </p>
      ),
    },
    {
      id: 'rights',
      title: 'Your rights',
      body: (
        <>
          <p>You can ask us to:</p>
          <ul>
            <li>tell you what we hold about you and give you a copy;</li>
            <li>correct it;</li>
            <li>delete it; or</li>
            <li>send it to you in a machine-readable format.</li>
          </ul>
          <p>
            Write to <a href={`mailto:${contact}`}>{contact}</a> from the address you used on the form. We answer every request
            within <strong>30 days</strong>, and we will not treat you differently for making one.
          </p>
        </>
      ),
    },
    {
      id: 'children',
      title: 'Children',
      body: <p>This website is for businesses. It is not directed at children, and we do not knowingly collect information from them.</p>,
    },
    {
      id: 'changes',
      title: 'Changes to this policy',
      body: (
        <p>
          When we change this policy, we publish the new version here with a new version number and effective date at the
          top. If a change affects how we use information you have already sent us, we will tell you by email before it
          applies.
        </p>
      ),
    },
  ];
}

export function PrivacyPage(props: { analytics?: MarketingAnalytics; contact: string }) {
  return (
    <MarketingLayout
      title="Privacy policy"
      description="How Lumè’s website handles your information: what the demo form collects, the one cookie it sets, cookieless visit counts, 24-month retention, and your rights, answered within 30 days."
      analytics={props.analytics}
      currentPath="/privacy"
    >
      <PageIntro
        eyebrow="Privacy"
        title="Privacy policy"
        meta={
          <>
            Version {PRIVACY_VERSION.version} — effective <time datetime={PRIVACY_VERSION.effective}>{PRIVACY_VERSION.effective}</time>
          </>
        }
        lede="The short version: we collect only what you type into the demo form, use it only to talk to you about Lumè, set a single cookie to protect that form, and never sell anything or track you for advertising."
      />
      <DocPage sections={sections(props.contact, Boolean(props.analytics))} label="Privacy policy sections">
        <Note>Patients’ information in a spa’s Lumè is governed by that spa’s Business Associate Agreement, not by this policy.</Note>
      </DocPage>
    </MarketingLayout>
  );
}
