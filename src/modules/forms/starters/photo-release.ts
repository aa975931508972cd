/** Starter: clinical photography and, if the client chooses, its use in education and marketing. */
import { t, type Starter } from './starter.ts';

export const PHOTO_RELEASE: Starter = {
  key: 'photo-release',
  name: 'Photo release',
  kind: 'photo_release',
  rule: 'lifetime',
  renewalMonths: null,
  summary: 'Permission to take clinical photos for the record, and the client’s own choice about education and marketing (never, without the face, or with it). Asked once.',
  definition: {
    title: t('Photography consent and release', 'Consentimiento y autorización para fotografías'),
    intro: t(
      'Photographs help your provider plan your treatment and see how you respond to it. This form asks permission to take them, and lets you choose whether they may be used for anything else.',
      'Las fotografías ayudan a su profesional a planificar su tratamiento y a ver cómo responde a él. Este formulario pide su permiso para tomarlas y le permite decidir si pueden usarse para algo más.',
    ),
    items: [
      { type: 'section', id: 'clinical', title: t('Photos for your medical record', 'Fotografías para su expediente médico') },
      {
        type: 'initials',
        id: 'clinical-photos',
        label: t(
          'I agree that the spa may photograph the treated areas before, during and after my treatments. These photographs are part of my medical record: they are stored securely, kept confidential, and used to plan and follow my care.',
          'Autorizo al spa a fotografiar las zonas tratadas antes, durante y después de mis tratamientos. Estas fotografías forman parte de mi expediente médico: se guardan de forma segura y confidencial, y se usan para planificar y dar seguimiento a mi atención.',
        ),
        required: true,
      },
      {
        type: 'section',
        id: 'other-uses',
        title: t('Other uses, only if you agree', 'Otros usos, solo si usted lo acepta'),
        body: t(
          'Education means training other professionals and presentations. Marketing means the spa’s website, social media and printed material. Your name is never shown with your photographs.',
          'Fines educativos significa la formación de otros profesionales y las presentaciones. Fines publicitarios significa el sitio web, las redes sociales y el material impreso del spa. Su nombre nunca se muestra junto con sus fotografías.',
        ),
      },
      {
        type: 'single_choice',
        id: 'other-use',
        label: t('May your photographs be used beyond your medical record?', '¿Pueden usarse sus fotografías fuera de su expediente médico?'),
        help: t('You can change your choice at any time by telling the spa in writing.', 'Puede cambiar su decisión en cualquier momento avisando al spa por escrito.'),
        required: true,
        options: [
          { id: 'record-only', label: t('No: only in my medical record', 'No: solo en mi expediente médico') },
          {
            id: 'without-face',
            label: t(
              'Yes, for education and marketing, as long as my face and identifying features (tattoos, birthmarks, jewellery) are not shown',
              'Sí, para fines educativos y publicitarios, siempre que no se muestren mi cara ni rasgos que me identifiquen (tatuajes, marcas de nacimiento, joyas)',
            ),
          },
          { id: 'with-face', label: t('Yes, for education and marketing, and my face may be shown', 'Sí, para fines educativos y publicitarios, y se puede mostrar mi cara') },
        ],
      },
      {
        type: 'acknowledgement',
        id: 'terms',
        label: t(
          'I will not be paid for any use of my photographs. I may withdraw this permission at any time in writing; it then applies to future uses, and material already published may not be fully recoverable.',
          'No recibiré ningún pago por el uso de mis fotografías. Puedo retirar este permiso en cualquier momento por escrito; a partir de entonces se aplica a los usos futuros, y es posible que el material ya publicado no pueda retirarse por completo.',
        ),
        required: true,
      },
      { type: 'signature', id: 'signature', label: t('Client signature', 'Firma del cliente'), required: true },
    ],
  },
};
