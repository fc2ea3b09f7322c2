// The header's disclosure menus (Pages/Shared/Nav/_MainNav.cshtml). The page is served with every group open, so
// without this script each link stays reachable; here the groups fold into buttons that open on click, Enter or
// Space (native to a button), close on Escape (focus back on their button), on a click elsewhere, or when another
// group opens. The phone's menu button folds the whole menu the same way.
(() => {
  'use strict';
  const buttons = [...document.querySelectorAll('button[data-disclosure]')];
  if (buttons.length === 0) { return; }
  document.documentElement.classList.add('nav-js');

  const targetOf = button => document.getElementById(button.getAttribute('aria-controls'));
  const setOpen = (button, open) => {
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    const target = targetOf(button);
    if (target) { target.hidden = !open; }
  };
  const menus = buttons.filter(b => b.dataset.disclosure === 'menu');
  const closeMenus = except => menus.filter(b => b !== except).forEach(b => setOpen(b, false));

  buttons.forEach(b => setOpen(b, false));
  buttons.forEach(button => button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    if (button.dataset.disclosure === 'menu') { closeMenus(button); }
    setOpen(button, open);
  }));

  document.addEventListener('keydown', event => {
    if (event.key !== 'Escape') { return; }
    const open = buttons.filter(b => b.getAttribute('aria-expanded') === 'true');
    // The innermost open menu first: a group inside the phone's menu before the phone's menu itself.
    const inner = open.find(b => b.dataset.disclosure === 'menu') ?? open[0];
    if (inner) {
      setOpen(inner, false);
      inner.focus();
    }
  });

  document.addEventListener('click', event => {
    if (!event.target.closest('.nav-menu')) { closeMenus(null); }
  });
})();
