// "Chép đường dẫn": a button with data-copy="ELEMENT-ID" copies that element's text and says so beside it (aria-live).
'use strict';

document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  const result = button.parentElement.querySelector('.copy-result');
  try {
    await navigator.clipboard.writeText(source.textContent.trim());
    if (result) result.textContent = button.dataset.copied;
  } catch {
    // No clipboard (an old browser, or a page not served over HTTPS): select the text so a long press copies it.
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
});
