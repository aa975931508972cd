/** Starter: a parent's or legal guardian's authorization to treat a minor (CRM-7), renewed yearly. */
import { t, type Starter } from './starter.ts';

export const GUARDIAN_AUTHORIZATION: Starter = {
  key: 'guardian-authorization',
  name: 'Guardian authorization for a minor',
  kind: 'guardian_authorization',
  rule: 'once_per_client',
  renewalMonths: 12,
  summary: 'Completed and signed by a parent or legal guardian: who they are, the treatments they authorize, their authority and understanding. Asked only for clients under the age of majority, yearly.',
  definition: {
    title: t('Parent or guardian authorization for a minor', 'Autorización del padre, madre o tutor para un menor'),
    intro: t(
      'Clients under the age of majority may be treated only with the authorization of a parent or legal guardian. The parent or guardian completes and signs this form.',
      'Los clientes menores de edad solo pueden recibir tratamiento con la autorización de su padre, madre o tutor legal. El padre, la madre o el tutor completa y firma este formulario.',
    ),
    items: [
      { type: 'section', id: 'guardian', title: t('About you', 'Sus datos') },
      { type: 'short_text', id: 'guardian-name', label: t('Your full name', 'Su nombre completo'), required: true },
      {
        type: 'single_choice',
        id: 'relationship',
        label: t('Your relationship to the client', 'Su relación con el cliente'),
        help: t(
          'If you are a legal guardian, the spa may ask to see the court order or document that appoints you.',
          'Si es tutor legal, el spa puede pedirle el documento o la orden judicial que lo designa.',
        ),
        required: true,
        options: [
          { id: 'parent', label: t('Parent', 'Padre o madre') },
          { id: 'legal-guardian', label: t('Legal guardian', 'Tutor legal') },
          { id: 'other', label: t('Other person with legal authority', 'Otra persona con autoridad legal') },
        ],
      },
      {
        type: 'short_text',
        id: 'guardian-phone',
        label: t('Your phone number', 'Su número de teléfono'),
        help: t('We call this number if we need to reach you during a treatment.', 'Llamaremos a este número si necesitamos comunicarnos con usted durante un tratamiento.'),
        required: true,
      },

      { type: 'section', id: 'authorization', title: t('What you authorize', 'Lo que usted autoriza') },
      {
        type: 'long_text',
        id: 'treatments',
        label: t('The treatments you authorize', 'Los tratamientos que usted autoriza'),
        help: t(
          'For example: a series of six acne facials, or laser hair removal of the underarms.',
          'Por ejemplo: una serie de seis limpiezas faciales para el acné, o depilación láser de las axilas.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'authority',
        label: t(
          'I am the parent or legal guardian of the client named on this form, and I have the legal authority to consent to their medical and aesthetic treatment.',
          'Soy el padre, la madre o el tutor legal del cliente nombrado en este formulario y tengo la autoridad legal para dar consentimiento para su tratamiento médico y estético.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'informed',
        label: t(
          'The spa’s provider has explained the treatments listed above, their expected results, risks and alternatives, and has answered my questions. I authorize the spa’s licensed providers to perform them.',
          'El profesional del spa me ha explicado los tratamientos indicados arriba, sus resultados esperados, riesgos y alternativas, y ha respondido mis preguntas. Autorizo a los profesionales con licencia del spa a realizarlos.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'each-treatment',
        label: t(
          'I understand that each treatment also has its own consent form, which I will read and sign on the client’s behalf, and that the spa may ask me to be present, or reachable by phone, during any treatment.',
          'Entiendo que cada tratamiento tiene además su propio formulario de consentimiento, que leeré y firmaré en nombre del cliente, y que el spa puede pedirme que esté presente, o localizable por teléfono, durante cualquier tratamiento.',
        ),
        required: true,
      },
      {
        type: 'acknowledgement',
        id: 'health-accurate',
        label: t(
          'The health information given for the client is complete and correct to the best of my knowledge, and I will tell the spa of any change.',
          'La información de salud del cliente es completa y correcta según mi leal saber y entender, e informaré al spa de cualquier cambio.',
        ),
        required: true,
      },
      {
        type: 'acknowledgement',
        id: 'duration',
        label: t(
          'This authorization lasts 12 months from the day I sign it, unless I withdraw it sooner in writing.',
          'Esta autorización es válida durante 12 meses a partir de la fecha de mi firma, salvo que la retire antes por escrito.',
        ),
        required: true,
      },
      { type: 'signature', id: 'signature', label: t('Signature of the parent or guardian', 'Firma del padre, la madre o el tutor'), required: true },
    ],
  },
};
