/** Starter: consent to treatment with botulinum toxin type A, asked at each booking of a linked service. */
import { t, type Starter } from './starter.ts';

export const NEUROTOXIN_CONSENT: Starter = {
  key: 'neurotoxin-consent',
  name: 'Neurotoxin consent',
  kind: 'consent',
  rule: 'per_service',
  renewalMonths: null,
  summary: 'Botulinum toxin type A: how it works, common and rare risks, who should not be treated, off-label areas, alternatives and aftercare, initialled paragraph by paragraph.',
  definition: {
    title: t('Consent to neurotoxin treatment', 'Consentimiento para tratamiento con neurotoxina'),
    intro: t(
      'This form explains treatment with botulinum toxin type A (such as Botox Cosmetic, Dysport, Xeomin, Jeuveau or Daxxify). Read each paragraph and initial it to show you understand it. Ask your provider about anything that is not clear before you sign.',
      'Este formulario explica el tratamiento con toxina botulínica tipo A (como Botox Cosmetic, Dysport, Xeomin, Jeuveau o Daxxify). Lea cada párrafo y escriba sus iniciales para indicar que lo entiende. Pregunte a su profesional cualquier duda antes de firmar.',
    ),
    items: [
      { type: 'section', id: 'about', title: t('About the treatment', 'Sobre el tratamiento') },
      {
        type: 'initials',
        id: 'how-it-works',
        label: t(
          'Small amounts of purified botulinum toxin are injected into chosen muscles to relax them, which softens lines such as frown lines, forehead lines and crow’s feet. The effect begins within 3 to 14 days and usually lasts 3 to 4 months. Results vary from person to person, are not guaranteed, and a follow-up treatment may be needed to balance the result.',
          'Se inyectan pequeñas cantidades de toxina botulínica purificada en músculos seleccionados para relajarlos, lo que suaviza arrugas como las del entrecejo, la frente y las patas de gallo. El efecto empieza entre 3 y 14 días después y suele durar de 3 a 4 meses. Los resultados varían de una persona a otra, no están garantizados y puede ser necesario un retoque para equilibrar el resultado.',
        ),
        required: true,
      },

      { type: 'section', id: 'risks', title: t('Risks', 'Riesgos') },
      {
        type: 'initials',
        id: 'common-effects',
        label: t(
          'Common effects are pain, redness, swelling, tenderness or bruising where the needle went in, and a headache for a day or two. These usually pass within a week.',
          'Los efectos más frecuentes son dolor, enrojecimiento, hinchazón, sensibilidad o moretones en el sitio de la inyección, y dolor de cabeza durante uno o dos días. Suelen desaparecer en una semana.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'less-common-effects',
        label: t(
          'Less often, the product affects nearby muscles: a drooping eyelid or brow, an uneven smile or expression, a heavy feeling in the forehead, dry or watery eyes, or, when the neck is treated, difficulty swallowing. These effects are temporary and fade as the product wears off, which can take weeks to months.',
          'Con menos frecuencia, el producto afecta a músculos cercanos: párpado o ceja caídos, sonrisa o expresión desigual, sensación de pesadez en la frente, ojos secos o llorosos o, si se trata el cuello, dificultad para tragar. Estos efectos son temporales y desaparecen a medida que pasa el efecto del producto, lo que puede tardar semanas o meses.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'serious-effects',
        label: t(
          'Rarely, the toxin spreads beyond the treated area and causes weakness away from it, double vision, or difficulty breathing, speaking or swallowing, hours to weeks after treatment. I will seek emergency medical care at once if this happens. Allergic reactions are also rare.',
          'En raras ocasiones, la toxina se extiende más allá de la zona tratada y causa debilidad lejos de ella, visión doble o dificultad para respirar, hablar o tragar, desde horas hasta semanas después del tratamiento. Si esto ocurre, buscaré atención médica de emergencia de inmediato. Las reacciones alérgicas también son raras.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'not-suitable',
        label: t(
          'Treatment is not given during pregnancy or breastfeeding, to people with a neuromuscular disease (such as myasthenia gravis or Lambert-Eaton syndrome), or where there is an infection at the injection site. I have told my provider about any of these, and about every medicine I take, including aminoglycoside antibiotics and muscle relaxants.',
          'No se aplica el tratamiento durante el embarazo o la lactancia, a personas con una enfermedad neuromuscular (como miastenia grave o síndrome de Lambert-Eaton), ni si hay una infección en el sitio de la inyección. He informado a mi profesional de cualquiera de estas situaciones y de todos los medicamentos que tomo, incluidos los antibióticos aminoglucósidos y los relajantes musculares.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'off-label',
        label: t(
          'Some uses (for example the jawline, neck, chin or lips) are not approved by the FDA for cosmetic treatment and are offered “off-label”, based on clinical experience. My provider has told me which parts of my treatment, if any, are off-label.',
          'Algunos usos (por ejemplo en la mandíbula, el cuello, el mentón o los labios) no están aprobados por la FDA para tratamiento estético y se ofrecen «fuera de indicación», según la experiencia clínica. Mi profesional me ha explicado qué partes de mi tratamiento, si las hay, son fuera de indicación.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'alternatives',
        label: t(
          'I understand the alternatives, including no treatment, skin care products, dermal fillers, chemical peels, laser or other energy-based treatments, and surgery.',
          'Entiendo que existen alternativas, como no hacer ningún tratamiento, productos para el cuidado de la piel, rellenos dérmicos, peelings químicos, láser u otros tratamientos con energía, y la cirugía.',
        ),
        required: true,
      },

      { type: 'section', id: 'before-today', title: t('Before today’s treatment', 'Antes del tratamiento de hoy') },
      {
        type: 'yes_no',
        id: 'previous-treatment',
        label: t('Have you had a neurotoxin treatment before?', '¿Se ha hecho antes un tratamiento con neurotoxina?'),
        required: true,
        followUp: { label: t('When was the last one, which product, and how did it go?', '¿Cuándo fue el último, con qué producto y qué tal resultó?') },
      },
      {
        type: 'yes_no',
        id: 'upcoming-event',
        label: t(
          'Do you have an important event (such as a wedding or photos) in the next two weeks?',
          '¿Tiene un evento importante (como una boda o una sesión de fotos) en las próximas dos semanas?',
        ),
        help: t('The full effect can take two weeks to appear.', 'El efecto completo puede tardar dos semanas en aparecer.'),
        required: false,
      },

      { type: 'section', id: 'aftercare-consent', title: t('Aftercare and consent', 'Cuidados posteriores y consentimiento') },
      {
        type: 'acknowledgement',
        id: 'aftercare',
        label: t(
          'I will follow the aftercare instructions: stay upright for 4 hours; do not rub, massage or press on the treated areas; and avoid strenuous exercise, saunas, facials and alcohol for the rest of the day. I will contact the spa with any concern.',
          'Seguiré las indicaciones de cuidado posterior: permanecer en posición vertical durante 4 horas; no frotar, masajear ni presionar las zonas tratadas; y evitar el ejercicio intenso, el sauna, los tratamientos faciales y el alcohol durante el resto del día. Me comunicaré con el spa ante cualquier duda.',
        ),
        required: true,
      },
      {
        type: 'acknowledgement',
        id: 'consent',
        label: t(
          'I have read this form, my provider has answered all my questions, and I consent to treatment with botulinum toxin. I agree that my provider may adjust the dose and the injection sites as clinically appropriate.',
          'He leído este formulario, mi profesional ha respondido todas mis preguntas y doy mi consentimiento para el tratamiento con toxina botulínica. Acepto que mi profesional ajuste la dosis y los sitios de inyección según su criterio clínico.',
        ),
        required: true,
      },
      { type: 'signature', id: 'signature', label: t('Client signature', 'Firma del cliente'), required: true },
    ],
  },
};
