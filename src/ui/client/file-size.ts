/**
 * A file input with `data-max-bytes` says at once when a chosen file is larger than the server
 * will take (the server still refuses it with a 413 page when scripts are off), with the words in
 * `data-too-large`.
 */
export function startFileSizeChecks(): void {
  document.addEventListener('change', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.dataset.maxBytes) return;
    const max = Number(input.dataset.maxBytes);
    const tooLarge = [...(input.files ?? [])].some((file) => file.size > max);
    input.setCustomValidity(tooLarge ? (input.dataset.tooLarge ?? 'That file is too large.') : '');
    if (tooLarge) input.reportValidity();
  });
}
