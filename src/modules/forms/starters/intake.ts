/** Starter: the general health history and intake, asked once per client and again after a year. */
import { t, type Starter } from './starter.ts';

export const GENERAL_INTAKE: Starter = {
  key: 'general-intake',
  name: 'Health history and intake',
  kind: 'intake',
  rule: 'once_per_client',
  renewalMonths: 12,
  summary: 'Emergency contact, conditions, medicines, allergies, pregnancy and breastfeeding, past treatments and goals. Asked of every client, again after a year.',
  definition: {
    title: t('Health history and intake', 'Historial de salud y admisión'),
    intro: t(
      'Please answer every question as fully as you can. Your answers help your provider choose treatments that are safe for you, and they stay confidential in your medical record. If anything changes before a later visit, let us know.',
      'Responda cada pregunta de la forma más completa posible. Sus respuestas ayudan a su profesional a elegir tratamientos seguros para usted y se guardan de forma confidencial en su expediente médico. Si algo cambia antes de una próxima visita, avísenos.',
    ),
    items: [
      { type: 'section', id: 'emergency', title: t('Emergency contact', 'Contacto de emergencia') },
      { type: 'short_text', id: 'emergency-name', label: t('Full name of your emergency contact', 'Nombre completo de su contacto de emergencia'), required: true },
      {
        type: 'short_text',
        id: 'emergency-relationship',
        label: t('Their relationship to you', 'Su relación con usted'),
        help: t('For example: spouse, parent, friend.', 'Por ejemplo: cónyuge, madre o padre, amigo.'),
        required: true,
      },
      { type: 'short_text', id: 'emergency-phone', label: t('Their phone number', 'Su número de teléfono'), required: true },

      {
        type: 'section',
        id: 'health',
        title: t('Health history', 'Historial de salud'),
        body: t(
          'Some conditions and medicines change how the skin heals or how a treatment works. Tell us even if it seems unrelated.',
          'Algunas enfermedades y medicamentos cambian la forma en que la piel sana o el efecto de un tratamiento. Infórmenos aunque le parezca que no tiene relación.',
        ),
      },
      {
        type: 'yes_no',
        id: 'doctor-care',
        label: t('Are you currently being treated by a doctor for any condition?', '¿Está recibiendo tratamiento médico actualmente por alguna enfermedad?'),
        required: true,
        followUp: { label: t('Which condition, and who is your doctor?', '¿Qué enfermedad y quién es su médico?') },
      },
      {
        type: 'multiple_choice',
        id: 'conditions',
        label: t('Do you have, or have you ever had, any of the following?', '¿Tiene o ha tenido alguna de las siguientes afecciones?'),
        help: t('Choose every one that applies, or “None of these”.', 'Elija todas las que correspondan, o «Ninguna de estas».'),
        required: true,
        options: [
          { id: 'autoimmune', label: t('Autoimmune disease (such as lupus or rheumatoid arthritis)', 'Enfermedad autoinmune (como lupus o artritis reumatoide)') },
          { id: 'bleeding', label: t('Bleeding or clotting disorder', 'Trastorno de sangrado o de coagulación') },
          { id: 'diabetes', label: t('Diabetes', 'Diabetes') },
          { id: 'heart', label: t('Heart disease or a pacemaker', 'Enfermedad cardíaca o marcapasos') },
          { id: 'blood-pressure', label: t('High blood pressure', 'Presión arterial alta') },
          { id: 'seizures', label: t('Epilepsy or seizures', 'Epilepsia o convulsiones') },
          { id: 'neuromuscular', label: t('Neuromuscular disease (such as myasthenia gravis or ALS)', 'Enfermedad neuromuscular (como miastenia grave o ELA)') },
          { id: 'keloids', label: t('Keloids or raised scars', 'Queloides o cicatrices elevadas') },
          { id: 'cold-sores', label: t('Cold sores (herpes simplex)', 'Herpes labial (herpes simple)') },
          { id: 'skin-cancer', label: t('Skin cancer', 'Cáncer de piel') },
          { id: 'hepatitis-hiv', label: t('Hepatitis or HIV', 'Hepatitis o VIH') },
          { id: 'none', label: t('None of these', 'Ninguna de estas') },
        ],
      },
      {
        type: 'yes_no',
        id: 'medications',
        label: t('Do you take any medicines, vitamins or supplements?', '¿Toma algún medicamento, vitamina o suplemento?'),
        required: true,
        followUp: { label: t('List each one with its dose.', 'Indique cada uno con su dosis.') },
      },
      {
        type: 'yes_no',
        id: 'blood-thinners',
        label: t(
          'In the last two weeks, have you taken aspirin, ibuprofen, fish oil, vitamin E or a blood thinner?',
          'En las últimas dos semanas, ¿ha tomado aspirina, ibuprofeno, aceite de pescado, vitamina E o algún anticoagulante?',
        ),
        help: t('These raise the chance of bruising after injections.', 'Aumentan la probabilidad de moretones después de las inyecciones.'),
        required: true,
        followUp: { label: t('Which ones, and when did you last take them?', '¿Cuáles y cuándo los tomó por última vez?') },
      },
      {
        type: 'yes_no',
        id: 'isotretinoin',
        label: t('Have you taken isotretinoin (Accutane) in the last 12 months?', '¿Ha tomado isotretinoína (Accutane) en los últimos 12 meses?'),
        required: true,
        followUp: { label: t('When did you stop taking it?', '¿Cuándo dejó de tomarla?') },
      },
      {
        type: 'yes_no',
        id: 'allergies',
        label: t(
          'Do you have any allergies (medicines, lidocaine or other numbing creams, latex, foods, anything else)?',
          '¿Tiene alguna alergia (a medicamentos, lidocaína u otras cremas anestésicas, látex, alimentos u otra cosa)?',
        ),
        required: true,
        followUp: { label: t('What are you allergic to, and what happens?', '¿Qué le causa alergia y qué reacción tiene?') },
      },
      {
        type: 'yes_no',
        id: 'past-reaction',
        label: t('Have you ever had a bad reaction to a cosmetic treatment?', '¿Ha tenido alguna vez una mala reacción a un tratamiento estético?'),
        required: true,
        followUp: { label: t('Which treatment, and what happened?', '¿Qué tratamiento y qué ocurrió?') },
      },
      {
        type: 'long_text',
        id: 'past-treatments',
        label: t('Cosmetic treatments or surgeries you have had, with approximate dates', 'Tratamientos estéticos o cirugías que se ha hecho, con fechas aproximadas'),
        help: t('For example: lip filler, 2024; laser hair removal, 2023.', 'Por ejemplo: relleno de labios, 2024; depilación láser, 2023.'),
        required: false,
      },

      {
        type: 'section',
        id: 'pregnancy-section',
        title: t('Pregnancy and breastfeeding', 'Embarazo y lactancia'),
        body: t(
          'Many aesthetic treatments are postponed during pregnancy and breastfeeding, because their safety has not been established.',
          'Muchos tratamientos estéticos se posponen durante el embarazo y la lactancia, porque no se ha comprobado que sean seguros.',
        ),
      },
      {
        type: 'single_choice',
        id: 'pregnancy',
        label: t('Are you pregnant, trying to become pregnant, or breastfeeding?', '¿Está embarazada, intentando quedar embarazada o amamantando?'),
        required: true,
        options: [
          { id: 'yes', label: t('Yes', 'Sí') },
          { id: 'no', label: t('No', 'No') },
          { id: 'not-applicable', label: t('Does not apply to me', 'No se aplica a mi caso') },
        ],
      },

      { type: 'section', id: 'lifestyle', title: t('Lifestyle', 'Hábitos') },
      {
        type: 'yes_no',
        id: 'smoking',
        label: t('Do you smoke or vape?', '¿Fuma o usa cigarrillos electrónicos?'),
        help: t('Smoking slows healing.', 'Fumar retrasa la cicatrización.'),
        required: false,
      },
      {
        type: 'yes_no',
        id: 'recent-sun',
        label: t(
          'Have you had a sunburn or a tan, or used self-tanner, in the last four weeks?',
          '¿Se ha quemado o bronceado con el sol, o ha usado autobronceador, en las últimas cuatro semanas?',
        ),
        required: true,
      },

      { type: 'section', id: 'goals-section', title: t('Your goals', 'Sus objetivos') },
      {
        type: 'long_text',
        id: 'goals',
        label: t('What would you like to improve, and is there an event you are preparing for?', '¿Qué le gustaría mejorar? ¿Se está preparando para algún evento?'),
        required: false,
      },

      {
        type: 'acknowledgement',
        id: 'accurate',
        label: t(
          'The information I have given is complete and correct to the best of my knowledge. I will tell the spa about any change to my health, my medicines or a pregnancy before my next treatment.',
          'La información que he dado es completa y correcta según mi leal saber y entender. Informaré al spa de cualquier cambio en mi salud, mis medicamentos o un embarazo antes de mi próximo tratamiento.',
        ),
        required: true,
      },
      {
        type: 'acknowledgement',
        id: 'confidential',
        label: t(
          'I understand that my answers are part of my confidential medical record and are used only to provide my care.',
          'Entiendo que mis respuestas forman parte de mi expediente médico confidencial y se usan solo para atenderme.',
        ),
        required: true,
      },
      { type: 'signature', id: 'signature', label: t('Client signature', 'Firma del cliente'), required: true },
    ],
  },
};
