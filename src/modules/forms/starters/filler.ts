/** Starter: consent to hyaluronic acid dermal filler, including the vascular emergency and dissolving. */
import { t, type Starter } from './starter.ts';

export const FILLER_CONSENT: Starter = {
  key: 'dermal-filler-consent',
  name: 'Dermal filler consent',
  kind: 'consent',
  rule: 'per_service',
  renewalMonths: null,
  summary: 'Hyaluronic acid filler: what to expect, common and delayed reactions, the signs of a blocked blood vessel, dissolving with hyaluronidase, alternatives and aftercare.',
  definition: {
    title: t('Consent to dermal filler treatment', 'Consentimiento para tratamiento con relleno dérmico'),
    intro: t(
      'This form explains treatment with hyaluronic acid fillers (such as Juvéderm, Restylane or RHA). Read each paragraph and initial it to show you understand it. Ask your provider about anything that is not clear before you sign.',
      'Este formulario explica el tratamiento con rellenos de ácido hialurónico (como Juvéderm, Restylane o RHA). Lea cada párrafo y escriba sus iniciales para indicar que lo entiende. Pregunte a su profesional cualquier duda antes de firmar.',
    ),
    items: [
      { type: 'section', id: 'about', title: t('About the treatment', 'Sobre el tratamiento') },
      {
        type: 'initials',
        id: 'how-it-works',
        label: t(
          'A gel of hyaluronic acid, a sugar found naturally in the skin, is injected to restore volume, shape features such as the lips, cheeks or chin, and soften folds. Most fillers contain lidocaine for comfort. Results show at once, settle over about two weeks, and usually last 6 to 18 months depending on the product and the area. Results are not guaranteed, and more than one session may be needed.',
          'Se inyecta un gel de ácido hialurónico, un azúcar presente de forma natural en la piel, para devolver volumen, dar forma a zonas como los labios, los pómulos o el mentón, y suavizar pliegues. La mayoría de los rellenos contienen lidocaína para mayor comodidad. Los resultados se ven de inmediato, se asientan en unas dos semanas y suelen durar de 6 a 18 meses según el producto y la zona. Los resultados no están garantizados y puede necesitarse más de una sesión.',
        ),
        required: true,
      },

      { type: 'section', id: 'risks', title: t('Risks', 'Riesgos') },
      {
        type: 'initials',
        id: 'common-effects',
        label: t(
          'Swelling, bruising, redness, tenderness and small lumps where the filler was placed are common and usually settle within one to two weeks. The result may look uneven while the swelling goes down.',
          'Es frecuente que aparezcan hinchazón, moretones, enrojecimiento, sensibilidad y pequeños bultos en la zona tratada, que suelen desaparecer en una o dos semanas. El resultado puede verse desigual mientras baja la hinchazón.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'less-common-effects',
        label: t(
          'Less often: infection; a cold-sore outbreak in people who get them; a bluish tint under thin skin; lumps that need treatment; filler moving away from where it was placed; and inflammatory reactions that can appear weeks or months later, sometimes after an illness or dental work.',
          'Con menos frecuencia: infección; un brote de herpes labial en quienes lo padecen; un tono azulado bajo la piel fina; bultos que requieren tratamiento; desplazamiento del relleno fuera de la zona donde se colocó; y reacciones inflamatorias que pueden aparecer semanas o meses después, a veces tras una enfermedad o un tratamiento dental.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'blocked-vessel',
        label: t(
          'Rarely, filler enters or presses on a blood vessel and blocks the blood flow. This is an emergency: it can damage the skin and leave scars and, very rarely, cause blindness or a stroke. I will call the spa at once, or go to an emergency room, if I notice severe or increasing pain, skin that turns white, blue or blotchy, or any change in my vision.',
          'En raras ocasiones, el relleno entra en un vaso sanguíneo o lo comprime y bloquea el flujo de sangre. Es una emergencia: puede dañar la piel y dejar cicatrices y, muy rara vez, causar ceguera o un derrame cerebral. Llamaré al spa de inmediato, o acudiré a una sala de emergencias, si noto dolor intenso o que aumenta, piel que se pone blanca, azulada o con manchas, o cualquier cambio en la visión.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'dissolving',
        label: t(
          'If needed, hyaluronic acid filler can be dissolved with an enzyme called hyaluronidase. The enzyme can itself cause swelling or, rarely, an allergic reaction, and more than one session may be needed.',
          'Si es necesario, el relleno de ácido hialurónico se puede disolver con una enzima llamada hialuronidasa. Esa enzima también puede causar hinchazón o, rara vez, una reacción alérgica, y puede requerir más de una sesión.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'alternatives',
        label: t(
          'I understand the alternatives, including no treatment, neurotoxin, biostimulators, laser or other energy-based treatments, fat grafting and surgery.',
          'Entiendo que existen alternativas, como no hacer ningún tratamiento, la neurotoxina, los bioestimuladores, el láser u otros tratamientos con energía, el injerto de grasa y la cirugía.',
        ),
        required: true,
      },

      { type: 'section', id: 'before-today', title: t('Before today’s treatment', 'Antes del tratamiento de hoy') },
      {
        type: 'yes_no',
        id: 'previous-filler',
        label: t('Have you had filler before?', '¿Se ha puesto relleno antes?'),
        required: true,
        followUp: { label: t('Where, when, and which product, if you know?', '¿Dónde, cuándo y con qué producto, si lo sabe?') },
      },
      {
        type: 'yes_no',
        id: 'permanent-filler',
        label: t('Do you have permanent filler, silicone or an implant in your face?', '¿Tiene relleno permanente, silicona o algún implante en la cara?'),
        required: true,
        followUp: { label: t('Where, and what was used?', '¿Dónde y qué material se usó?') },
      },
      {
        type: 'yes_no',
        id: 'dental-work',
        label: t(
          'Have you had dental work in the last two weeks, or do you have any planned in the next two weeks?',
          '¿Ha tenido algún tratamiento dental en las últimas dos semanas, o tiene uno previsto en las próximas dos?',
        ),
        help: t('Dental work close to a filler treatment raises the chance of infection.', 'Un tratamiento dental cercano a la aplicación del relleno aumenta el riesgo de infección.'),
        required: true,
      },

      { type: 'section', id: 'aftercare-consent', title: t('Aftercare and consent', 'Cuidados posteriores y consentimiento') },
      {
        type: 'acknowledgement',
        id: 'aftercare',
        label: t(
          'I will follow the aftercare instructions: use a cold compress for swelling; do not massage or press on the treated areas unless my provider tells me to; and avoid strenuous exercise, heat, alcohol and make-up on the treated skin for 24 hours. I will avoid dental work for two weeks.',
          'Seguiré las indicaciones de cuidado posterior: aplicar compresas frías para la hinchazón; no masajear ni presionar las zonas tratadas salvo que mi profesional lo indique; y evitar el ejercicio intenso, el calor, el alcohol y el maquillaje sobre la piel tratada durante 24 horas. Evitaré los tratamientos dentales durante dos semanas.',
        ),
        required: true,
      },
      {
        type: 'acknowledgement',
        id: 'consent',
        label: t(
          'I have read this form, my provider has answered all my questions, and I consent to treatment with hyaluronic acid filler, including dissolving it with hyaluronidase if my provider judges it necessary.',
          'He leído este formulario, mi profesional ha respondido todas mis preguntas y doy mi consentimiento para el tratamiento con relleno de ácido hialurónico, incluida su disolución con hialuronidasa si mi profesional lo considera necesario.',
        ),
        required: true,
      },
      { type: 'signature', id: 'signature', label: t('Client signature', 'Firma del cliente'), required: true },
    ],
  },
};
