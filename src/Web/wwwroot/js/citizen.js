// Citizen's path: device check → lobby (live queue position) → session. A reload comes back to where it was.
'use strict';

(async function () {
  const R = window.Reception;
  const root = document.querySelector('[data-reception-root]');
  const token = root.dataset.token;
  const mode = root.dataset.mode;
  const checkedKey = 'reception.checked.' + token;

  async function proceed() {
    document.querySelector('[data-testid=device-check]').hidden = true;
    if (mode === 'adhoc') {
      const name = sessionStorage.getItem('reception.name.' + token) || document.querySelector('[data-testid=adhoc-name]').value.trim();
      sessionStorage.setItem('reception.name.' + token, name);
      R.state.rejoin = async () => R.startSession(await R.state.connection.invoke('JoinWithLink', token, R.deviceKey(), name));
    } else {
      R.state.rejoin = async () => R.enterLobby(token);
    }
    try {
      await R.state.rejoin();
    } catch (e) {
      R.showError(R.hubError(e));
    }
  }

  try {
    await R.connect();
  } catch (e) {
    R.showError(R.t('NoServer'));
    return;
  }
  R.wireSessionControls();
  if (window.ReceptionRecording) window.ReceptionRecording.wire(false);

  if (sessionStorage.getItem(checkedKey) === '1') {
    // Reload: the devices were checked already; go straight back in.
    const audioOnly = sessionStorage.getItem('reception.audioOnly') === '1';
    const box = document.querySelector('[data-testid=audio-only]'); if (box) box.checked = audioOnly;
    await R.startPreview().catch((e) => R.showError(R.t('NoDevices', e.message)));
    await proceed();
    return;
  }

  for (const sel of ['[data-testid=camera-select]', '[data-testid=mic-select]', '[data-testid=audio-only]']) {
    document.querySelector(sel)?.addEventListener('change', () => R.startPreview().catch((e) => R.showError(e.message)));
  }
  document.querySelector('[data-testid=device-ok]').addEventListener('click', async () => {
    if (mode === 'adhoc' && !document.querySelector('[data-testid=adhoc-name]').value.trim()) {
      R.showError(R.t('NameRequired'));
      return;
    }
    sessionStorage.setItem(checkedKey, '1');
    sessionStorage.setItem('reception.audioOnly', document.querySelector('[data-testid=audio-only]')?.checked ? '1' : '0');
    await proceed();
  });
  // Shown only once the button works (a click before that would be lost).
  await R.startPreview().catch((e) => R.showError(R.t('NoDevices', e.message)));
  document.querySelector('[data-testid=device-check]').hidden = false;
})();
