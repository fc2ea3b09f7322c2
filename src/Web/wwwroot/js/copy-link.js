// Copy buttons beside a link (a citizen's join link, a dialogue's one-time links): a button with
// data-copy="ELEMENT-ID" copies that element's text (or an input's value) and says so, in the polite live region
// beside it when there is one, else for two seconds on the button itself.
'use strict';

(function () {
  async function copy(button) {
    const source = document.getElementById(button.dataset.copy);
    if (!source) return;
    const text = ('value' in source ? source.value : source.textContent).trim();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard (an old browser, or a page not served over HTTPS): select it, so Ctrl+C or a long press copies it.
      if ('select' in source) {
        source.select();
      } else {
        const range = document.createRange();
        range.selectNodeContents(source);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
      }
      return;
    }
    const result = button.parentElement.querySelector('.copy-result');
    if (result) {
      result.textContent = button.dataset.copied;
      return;
    }
    const label = button.textContent;
    button.textContent = button.dataset.copied;
    setTimeout(() => { button.textContent = label; }, 2000);
  }

  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-copy]');
    if (button) copy(button);
  });
})();
