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
 * in the background as a plain save (never a signing); the Save button does the same by hand.
 */
for (const form of document.querySelectorAll<HTMLFormElement>('form[data-autosave]')) {
  const status = form.querySelector<HTMLElement>('[data-autosave-status]');
  let timer: number | undefined;
  const save = () => {
    const data = new FormData(form);
    data.delete('signature');
    data.set('op', 'save');
    fetch(form.action, { method: 'POST', body: new URLSearchParams(data as unknown as Record<string, string>), credentials: 'same-origin', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
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
  });
}
