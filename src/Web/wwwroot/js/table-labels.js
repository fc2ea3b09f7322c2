// Phone tables (site.css, ≤ 600 px) hide their header row and show each row as a card: every cell then needs its
// column's name beside it. Pages that write data-label themselves keep theirs; for the others the header's text is
// copied here, so a table added later is labelled without anyone remembering to.
(() => {
  'use strict';
  document.querySelectorAll('table.list').forEach(table => {
    const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    if (headers.length === 0) { return; }
    table.querySelectorAll('tbody tr').forEach(row => {
      [...row.children].forEach((cell, i) => {
        if (cell.tagName === 'TD' && !cell.hasAttribute('data-label') && headers[i]) {
          cell.setAttribute('data-label', headers[i]);
        }
      });
    });
  });
})();
