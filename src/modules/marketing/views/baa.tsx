/** /baa (MKT-7): what the Business Associate Agreement covers, in the team's own words. */
import { MarketingLayout, type MarketingAnalytics } from '../../../ui/layouts.tsx';
import { DemoCta, DocPage, Note, PageIntro, type DocSection } from './parts.tsx';

const sections: DocSection[] = [
  {
    id: 'who',
    title: 'Who signs it, and when',
    body: (
      <>
        <p>
          Your spa is a covered entity under HIPAA; Lumè handles your patients’ information on your behalf, which makes Lumè
          your business associate. The Business Associate Agreement (BAA) sets out what Lumè may and may not do with that
          information.
        </p>
        <p>
          The BAA is part of every Lumè contract. It is signed before any patient information is entered, it costs nothing
          extra, and it is not reserved for a higher plan.
        </p>
      </>
    ),
  },
  {
    id: 'uses',
    title: 'How Lumè may use your patients’ information',
    body: (
      <>
        <p>Lumè may use and disclose protected health information (PHI) only:</p>
        <ul>
          <li>to provide the service to your spa, as the contract and your instructions describe;</li>
          <li>for Lumè’s own proper management and legal responsibilities, within the limits HIPAA sets; and</li>
          <li>when the law requires it.</li>
        </ul>
        <p>
          Lumè does not sell PHI, does not use it for advertising or marketing, and does not share it with anyone for their own
          purposes. Lumè uses the minimum necessary information for each task.
        </p>
      </>
    ),
  },
  {
    id: 'safeguards',
    title: 'Safeguards',
    body: (
      <>
        <p>
          Lumè commits to administrative, physical and technical safeguards that comply with the HIPAA Security Rule, to
          protect the confidentiality, integrity and availability of the PHI it holds for you.
        </p>
        <p>
          The technical safeguards in place today — database-enforced separation between spas, two-step sign-in for everyone,
          per-spa encryption of stored files and a sealed audit trail — are described on the{' '}
          <a href="/security">security page</a>.
        </p>
      </>
    ),
  },
  {
    id: 'subcontractors',
    title: 'Subcontractors',
    body: (
      <p>
        Any subcontractor that creates, receives, keeps or sends PHI for Lumè must first sign its own business associate
        agreement with Lumè, with restrictions at least as strict as those Lumè accepts in yours. The current list, with what
        each one does and whether it ever handles PHI, is on the <a href="/subprocessors">subprocessors page</a>.
      </p>
    ),
  },
  {
    id: 'breaches',
    title: 'Incidents and breach notice',
    body: (
      <>
        <p>
          Lumè reports to your spa any use or disclosure of PHI that the agreement does not allow, and any security incident
          affecting your spa’s information, that it becomes aware of.
        </p>
        <p>
          If unsecured PHI is breached, Lumè notifies your spa without unreasonable delay and in any case{' '}
          <strong>no later than 60 days after discovering it</strong>. The notice identifies the individuals affected, as far
          as Lumè can, and includes the information your spa needs to notify them and the authorities.
        </p>
      </>
    ),
  },
  {
    id: 'rights',
    title: 'Your patients’ rights',
    body: (
      <>
        <p>Lumè supports your spa in answering the requests patients are entitled to make:</p>
        <ul>
          <li>
            <strong>Access:</strong> Lumè makes a patient’s information available to your spa so that you can give them a copy.
          </li>
          <li>
            <strong>Amendment:</strong> Lumè makes the corrections your spa decides to accept.
          </li>
          <li>
            <strong>Accounting of disclosures:</strong> Lumè keeps the information your spa needs to account for disclosures.
            The audit trail’s per-client access report already shows who has accessed a client’s records.
          </li>
        </ul>
        <p>
          Lumè also makes its practices, books and records about PHI available to the U.S. Department of Health and Human
          Services when required, to show compliance.
        </p>
      </>
    ),
  },
  {
    id: 'termination',
    title: 'At the end of the contract',
    body: (
      <>
        <p>
          When the contract ends, Lumè returns your spa’s information to you and then destroys every copy it holds, including
          copies in backups as they expire. If returning or destroying some information is not feasible, the protections of
          the BAA continue to apply to it for as long as Lumè keeps it, and Lumè uses it only for the reason it could not be
          destroyed.
        </p>
        <p>
          Your spa may end the contract if Lumè breaks a material term of the BAA and does not put it right.
        </p>
      </>
    ),
  },
];

export function BaaPage(props: { analytics?: MarketingAnalytics }) {
  return (
    <MarketingLayout
      title="Business Associate Agreement"
      description="What Lumè’s Business Associate Agreement covers: permitted uses of PHI, safeguards, subcontractors under BAA, breach notice within 60 days, patients’ rights, and return or destruction at termination. Included in every contract."
      analytics={props.analytics}
      currentPath="/baa"
    >
      <PageIntro
        eyebrow="Compliance"
        title="The Business Associate Agreement"
        lede="Included in every Lumè contract, at no extra cost. This is a plain-language summary of what it commits Lumè to."
      />
      <DocPage sections={sections} label="BAA topics">
        <Note>This page summarises the agreement. The BAA you sign is the binding text, and we send it with every proposal.</Note>
      </DocPage>
      <DemoCta title="Want to read the full agreement?" text="Ask for it with your demo request, and we’ll send it before the call." />
    </MarketingLayout>
  );
}
