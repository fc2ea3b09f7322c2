// A form that came back with mistakes: the focus goes to its list of errors, so a screen reader reads them and the
// keyboard continues from there; each error's link moves the focus to its field.
(() => {
  const summary = document.querySelector('[data-focus-on-load]');
  if (summary) summary.focus();
  document.addEventListener('click', (event) => {
    const link = event.target.closest('.errors a[href^="#field-"]');
    if (!link) return;
    const target = document.getElementById(link.getAttribute('href').slice(1));
    if (!target) return;
    event.preventDefault();
    const field = target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea, summary');
    target.scrollIntoView({ block: 'center' });
    (field || target).focus();
  });
})();
