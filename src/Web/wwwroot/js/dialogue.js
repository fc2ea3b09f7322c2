// Dialogue links: a copy button beside each one-time link (the opening page and the console), so the presiding
// official can pass a link on by chat or message when the invitee has no e-mail address.
'use strict';

(function () {
  async function copy(button) {
    const field = document.getElementById(button.dataset.copy);
    if (!field) return;
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      // No clipboard permission (an http page, an old browser): select it, so Ctrl+C / long press copies it.
      field.select();
      document.execCommand('copy');
    }
    const label = button.textContent;
    button.textContent = button.dataset.copied;
    setTimeout(() => { button.textContent = label; }, 2000);
  }

  document.addEventListener('click', (ev) => {
    const button = ev.target.closest('[data-copy]');
    if (button) copy(button);
  });
})();
