/** Starter: consent to laser and intense pulsed light treatments, with the screening questions first. */
import { t, type Starter } from './starter.ts';

export const LASER_CONSENT: Starter = {
  key: 'laser-consent',
  name: 'Laser and IPL consent',
  kind: 'consent',
  rule: 'per_service',
  renewalMonths: null,
  summary: 'Laser and IPL (hair removal, sun spots and redness, resurfacing): sun, medicines, cold sores and tattoos asked first; burns, colour changes, eye protection, alternatives and sun-care aftercare.',
  definition: {
    title: t('Consent to laser and light-based treatment', 'Consentimiento para tratamiento con láser y luz'),
    intro: t(
      'This form covers laser and intense pulsed light (IPL) treatments, such as hair removal, treatment of sun spots and redness, and skin resurfacing. Read each paragraph and initial it to show you understand it. Ask your provider about anything that is not clear before you sign.',
      'Este formulario cubre los tratamientos con láser y con luz pulsada intensa (IPL), como la depilación, el tratamiento de manchas solares y rojeces, y el rejuvenecimiento de la piel. Lea cada párrafo y escriba sus iniciales para indicar que lo entiende. Pregunte a su profesional cualquier duda antes de firmar.',
    ),
    items: [
      { type: 'section', id: 'before-today', title: t('Before today’s treatment', 'Antes del tratamiento de hoy') },
      {
        type: 'yes_no',
        id: 'recent-sun',
        label: t(
          'In the last four weeks, has the area had sun exposure, a tan, a tanning bed or self-tanner?',
          'En las últimas cuatro semanas, ¿ha expuesto la zona al sol, se ha bronceado o ha usado camas de bronceado o autobronceador?',
        ),
        required: true,
        followUp: { label: t('When, and on which part of your body?', '¿Cuándo y en qué parte del cuerpo?') },
      },
      {
        type: 'yes_no',
        id: 'light-sensitive',
        label: t(
          'Do you take any medicine or supplement that makes your skin sensitive to light (for example doxycycline, isotretinoin or St John’s wort)?',
          '¿Toma algún medicamento o suplemento que haga su piel sensible a la luz (por ejemplo doxiciclina, isotretinoína o hierba de San Juan)?',
        ),
        required: true,
        followUp: { label: t('Which ones?', '¿Cuáles?') },
      },
      {
        type: 'yes_no',
        id: 'cold-sores',
        label: t('Do you get cold sores?', '¿Le suele salir herpes labial?'),
        help: t(
          'Treatment near the mouth can trigger an outbreak; your provider may suggest a medicine to prevent it.',
          'El tratamiento cerca de la boca puede provocar un brote; su profesional puede recomendarle un medicamento para prevenirlo.',
        ),
        required: true,
        followUp: { label: t('When was your last outbreak?', '¿Cuándo fue su último brote?') },
      },
      {
        type: 'yes_no',
        id: 'tattoos',
        label: t(
          'Do you have tattoos or permanent make-up in or near the area to be treated?',
          '¿Tiene tatuajes o maquillaje permanente en la zona que se va a tratar o cerca de ella?',
        ),
        required: true,
        followUp: { label: t('Where?', '¿Dónde?') },
      },

      { type: 'section', id: 'about', title: t('About the treatment', 'Sobre el tratamiento') },
      {
        type: 'initials',
        id: 'how-it-works',
        label: t(
          'Laser and light devices deliver energy that heats a target in the skin, such as the hair root, pigment or small blood vessels. The settings are chosen for my skin type and the area treated, and my provider may test a small spot first. Most concerns need a series of sessions; results vary and are not guaranteed.',
          'Los equipos de láser y de luz emiten energía que calienta un objetivo en la piel, como la raíz del vello, el pigmento o los vasos sanguíneos pequeños. Los parámetros se eligen según mi tipo de piel y la zona tratada, y mi profesional puede hacer primero una prueba en una zona pequeña. La mayoría de los problemas requieren una serie de sesiones; los resultados varían y no están garantizados.',
        ),
        required: true,
      },

      { type: 'section', id: 'risks', title: t('Risks', 'Riesgos') },
      {
        type: 'initials',
        id: 'common-effects',
        label: t(
          'Common effects are discomfort during treatment (often described as a rubber band snapping on the skin); redness, swelling and warmth for a few hours to a few days; and, after some treatments, darkening and flaking of spots before they fade.',
          'Los efectos frecuentes son molestias durante el tratamiento (a menudo descritas como el chasquido de una liga sobre la piel); enrojecimiento, hinchazón y calor durante unas horas o algunos días; y, después de algunos tratamientos, oscurecimiento y descamación de las manchas antes de que se aclaren.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'less-common-effects',
        label: t(
          'Less often: blisters, burns, crusting, infection, or a change in skin colour (darker or lighter patches). Colour changes are more likely on darker or tanned skin and can last months or, rarely, be permanent. Scarring is rare. Laser hair removal can, rarely, stimulate more hair growth nearby.',
          'Con menos frecuencia: ampollas, quemaduras, costras, infección o un cambio en el color de la piel (manchas más oscuras o más claras). Los cambios de color son más probables en pieles oscuras o bronceadas y pueden durar meses o, rara vez, ser permanentes. Las cicatrices son raras. En raras ocasiones, la depilación láser puede estimular el crecimiento de más vello cerca de la zona.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'eye-safety',
        label: t(
          'Laser light can injure the eyes. I will keep the protective eyewear I am given on for the whole treatment.',
          'La luz del láser puede dañar los ojos. Mantendré puestos los lentes de protección que me den durante todo el tratamiento.',
        ),
        required: true,
      },
      {
        type: 'initials',
        id: 'alternatives',
        label: t(
          'I understand the alternatives, including no treatment; shaving, waxing or electrolysis for hair; and skin care products, chemical peels or microneedling for the skin.',
          'Entiendo que existen alternativas, como no hacer ningún tratamiento; el rasurado, la cera o la electrólisis para el vello; y los productos para el cuidado de la piel, los peelings químicos o las microagujas para la piel.',
        ),
        required: true,
      },

      { type: 'section', id: 'aftercare-consent', title: t('Aftercare and consent', 'Cuidados posteriores y consentimiento') },
      {
        type: 'acknowledgement',
        id: 'aftercare',
        label: t(
          'I will protect the treated skin every day with a broad-spectrum sunscreen of SPF 30 or higher and avoid tanning for at least four weeks; for 48 hours I will avoid hot baths, saunas, strenuous exercise and harsh skin products. I will not pick at crusts or blisters, and I will call the spa if a blister appears.',
          'Protegeré la piel tratada todos los días con un protector solar de amplio espectro con FPS 30 o más y evitaré broncearme durante al menos cuatro semanas; durante 48 horas evitaré los baños calientes, el sauna, el ejercicio intenso y los productos agresivos para la piel. No me quitaré las costras ni reventaré las ampollas, y llamaré al spa si aparece una ampolla.',
        ),
        required: true,
      },
      {
        type: 'acknowledgement',
        id: 'consent',
        label: t(
          'I have read this form, my provider has answered all my questions, and I consent to laser or light-based treatment of the areas we agreed on, over the sessions we plan together.',
          'He leído este formulario, mi profesional ha respondido todas mis preguntas y doy mi consentimiento para el tratamiento con láser o luz de las zonas acordadas, en las sesiones que planifiquemos juntos.',
        ),
        required: true,
      },
      { type: 'signature', id: 'signature', label: t('Client signature', 'Firma del cliente'), required: true },
    ],
  },
};
