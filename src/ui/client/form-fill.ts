/**
 * The client's form page (issue 7): a signature drawn by finger, stylus or mouse with signature_pad,
 * kept as a PNG data URL in the form's hidden field. Only this page loads this script.
 */
import SignaturePad from 'signature_pad';

for (const box of document.querySelectorAll<HTMLElement>('[data-signature]')) {
  const canvas = box.querySelector('canvas');
  const field = box.querySelector<HTMLInputElement>('input[type="hidden"]');
  if (!canvas || !field) continue;
  const pad = new SignaturePad(canvas, { penColor: '#1f1d1a', minWidth: 0.8, maxWidth: 2.6 });
  const fit = () => {
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    const strokes = pad.toData();
    canvas.width = Math.round(canvas.offsetWidth * ratio);
    canvas.height = Math.round(canvas.offsetHeight * ratio);
    canvas.getContext('2d')?.scale(ratio, ratio);
    pad.clear();
    pad.fromData(strokes);
  };
  fit();
  window.addEventListener('resize', fit);
  pad.addEventListener('endStroke', () => {
    field.value = pad.isEmpty() ? '' : pad.toDataURL('image/png');
  });
  box.querySelector('[data-signature-clear]')?.addEventListener('click', () => {
    pad.clear();
    field.value = '';
  });
}

/**
 * Progress is saved as the client goes: a moment after each change the form's answers are posted
 * in the background as a plain save (never a signing); the Save button does the same by hand. A
 * change not yet saved is saved before the language switch leaves the page, and sent on the way
 * out when the page is left otherwise.
 */
const unsaved = new Set<() => Promise<void>>();
for (const form of document.querySelectorAll<HTMLFormElement>('form[data-autosave]')) {
  const status = form.querySelector<HTMLElement>('[data-autosave-status]');
  let timer: number | undefined;
  const save = (): Promise<void> => {
    window.clearTimeout(timer);
    unsaved.delete(save);
    const data = new FormData(form);
    data.delete('signature');
    data.set('op', 'save');
    return fetch(form.action, { method: 'POST', keepalive: true, body: new URLSearchParams(data as unknown as Record<string, string>), credentials: 'same-origin', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      .then((response) => {
        if (status && response.ok) status.textContent = status.dataset.saved ?? '';
      })
      .catch(() => undefined);
  };
  form.addEventListener('input', (event) => {
    const target = event.target as HTMLInputElement | null;
    if (!target?.name || target.name.startsWith('signer_')) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 800);
    unsaved.add(save);
  });
}
const saveAll = () => Promise.all([...unsaved].map((save) => save()));
for (const link of document.querySelectorAll<HTMLAnchorElement>('.fill__langs a')) {
  link.addEventListener('click', (event) => {
    if (!unsaved.size) return;
    event.preventDefault();
    void saveAll().then(() => window.location.assign(link.href));
  });
}
window.addEventListener('pagehide', () => void saveAll());

/**
 * A field's message goes as soon as the client changes that field: the message, its red state
 * and its place in the field's description. Saving and signing check everything again.
 */
function clearProblem(scope: Element): void {
  const gone = new Set<string>();
  for (const message of scope.querySelectorAll<HTMLElement>('.field__error, .fill__error')) {
    if (message.id) gone.add(message.id);
    message.remove();
  }
  for (const control of scope.querySelectorAll<HTMLElement>('[aria-invalid]')) control.removeAttribute('aria-invalid');
  for (const described of scope.querySelectorAll<HTMLElement>('[aria-describedby]')) {
    const kept = (described.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && !gone.has(id));
    if (kept.length) described.setAttribute('aria-describedby', kept.join(' '));
    else described.removeAttribute('aria-describedby');
  }
  scope.classList.remove('field--invalid');
  const item = scope.closest('[data-item]');
  if (item && !item.querySelector('.field__error')) item.classList.remove('field--invalid');
}

function problemScope(target: Element): Element | null {
  return target.closest('.form-followup') ?? target.closest('fieldset.form-choices') ?? target.closest('[data-item]') ?? target.closest('[data-field]');
}

for (const form of document.querySelectorAll<HTMLFormElement>('form.fill__form, form.fill__prefill-code')) {
  const onChange = (event: Event) => {
    const scope = event.target instanceof Element ? problemScope(event.target) : null;
    if (scope) clearProblem(scope);
  };
  form.addEventListener('input', onChange);
  form.addEventListener('change', onChange);
}
for (const pad of document.querySelectorAll<HTMLElement>('[data-signature]')) {
  pad.querySelector('canvas')?.addEventListener('pointerdown', () => clearProblem(pad));
}

/** After a refused signing, focus goes to the first field with a message (or to the message itself). */
function focusFirstProblem(form: HTMLFormElement): void {
  const message = form.querySelector<HTMLElement>('.field__error[id], .fill__error[id]');
  if (!message) return;
  const described = form.querySelector<HTMLElement>(`[aria-describedby~="${CSS.escape(message.id)}"]`);
  const target = described?.matches('fieldset') ? described.querySelector<HTMLElement>('input, textarea, select') : described;
  const focusable = target && target.tagName !== 'CANVAS' ? target : message;
  if (focusable === message) message.tabIndex = -1;
  focusable.focus();
}

const refused = document.querySelector<HTMLFormElement>('form[data-refused]');
if (refused) focusFirstProblem(refused);
