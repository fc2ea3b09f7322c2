// Citizen's path: device check → lobby (live queue position) → session; a dialogue's invitee waits to be admitted
// instead of the lobby. A reload comes back to where it was.
'use strict';

(async function () {
  const R = window.Reception;
  const root = document.querySelector('[data-reception-root]');
  const token = root.dataset.token;
  const mode = root.dataset.mode;
  const checkedKey = 'reception.checked.' + token;
  const pollMs = 1000 * Number(root.dataset.doorPollSeconds || 20);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function duration(ms) {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const d = Math.floor(total / 86400), h = Math.floor(total % 86400 / 3600), m = Math.floor(total % 3600 / 60), sec = total % 60;
    const parts = [];
    if (d) parts.push(R.t('Door.Days', d));
    if (h) parts.push(R.t('Door.Hours', h));
    if (m || d || h) parts.push(R.t('Door.Minutes', m));
    if (!d && !h) parts.push(R.t('Door.Seconds', sec));
    return parts.join(' ');
  }

  // Came early (or on another day): show when the lobby opens, count down by the server's clock, ask again at the
  // opening and every little while, and enter by ourselves once it is open. No reload needed.
  async function waitForDoor() {
    const panel = document.querySelector('[data-testid=lobby-early]');
    const opens = document.querySelector('[data-testid=lobby-opens]');
    const countdown = document.querySelector('[data-testid=lobby-countdown]');
    let ticker = null;
    try {
      for (;;) {
        const door = await R.state.connection.invoke('LobbyDoor', token);
        if (door.isOpen) return;
        const offset = Date.parse(door.serverNow) - Date.now();
        const serverNow = () => Date.now() + offset;
        panel.hidden = false;
        clearInterval(ticker);
        if (door.closesAt && Date.parse(door.closesAt) <= serverNow()) {
          opens.textContent = R.t('Door.Closed');
          countdown.textContent = '';
          throw Object.assign(new Error('lobby closed'), { userText: R.t('Door.Closed') });
        }
        if (!door.opensAt) {
          opens.textContent = R.t('Door.NoTime');
          countdown.textContent = '';
          await sleep(pollMs);
          continue;
        }
        const opensAt = Date.parse(door.opensAt);
        opens.textContent = R.t('Door.Opens', door.opensAtText);
        const tick = () => {
          const left = opensAt - serverNow();
          countdown.textContent = left > 0 ? R.t('Door.Countdown', duration(left)) : R.t('Door.Soon');
        };
        tick();
        ticker = setInterval(tick, 1000);
        const left = opensAt - serverNow();
        // The door is swept once a minute: past the opening time, ask often until it is open.
        await sleep(left > 0 ? Math.min(left + 500, pollMs) : Math.min(5000, pollMs));
      }
    } finally {
      clearInterval(ticker);
      panel.hidden = true;
    }
  }

  // ---------------- receipt (after the end) ----------------

  // A booking's citizen gets a receipt instead of the call: the outcome, the case once it is opened (just after the
  // end: the hub's 'ReceiptReady' says when, and we ask again a few times in case that push is lost), its deadlines
  // and the status page that follows it. The connection is kept until the receipt is complete.
  const receiptBox = document.querySelector('[data-testid=receipt]');
  let receiptTries = 0;
  let receiptDone = false;

  function renderReceipt(r) {
    const q = (id) => receiptBox.querySelector(`[data-testid=${id}]`);
    receiptBox.hidden = false;
    q('receipt-outcome').textContent = R.t('Receipt.Outcome.' + r.outcome);
    q('receipt-case').hidden = !r.caseNumber;
    q('receipt-case-number').textContent = r.caseNumber || '';
    q('receipt-case-pending').hidden = !r.casePending;
    const list = q('receipt-deadlines');
    list.replaceChildren(...r.deadlines.map((d) => {
      const li = document.createElement('li');
      li.dataset.testid = 'receipt-deadline';
      li.textContent = R.t('Receipt.Deadline', R.t('Receipt.Deadline.' + d.kind), d.dueOn);
      return li;
    }));
    list.hidden = r.deadlines.length === 0;
    const link = q('receipt-status-link');
    link.href = '/Booking/Status?code=' + encodeURIComponent(r.bookingCode);
    q('receipt-code').textContent = r.bookingCode;
  }

  // afterEnd: this page saw the end; otherwise (an error on entering) a receipt is shown only if there is one.
  async function showReceipt(afterEnd = true) {
    if (!receiptBox || receiptDone) return false;
    let r = null;
    try { r = await R.state.connection.invoke('SessionReceipt', token); } catch (e) { /* asked again below while pending */ }
    if (receiptDone || (!r && !afterEnd)) return false;
    if (r) renderReceipt(r);
    const pending = !r || r.casePending;
    if (pending && receiptTries++ < 10) { setTimeout(() => { showReceipt().catch(() => {}); }, 3000); return !!r; }
    receiptDone = true;
    R.state.ended = true; // no reconnecting once the connection is closed on purpose
    if (R.state.connection) R.state.connection.stop();
    return !!r;
  }

  if (mode === 'booking') {
    R.state.onFinished = (kind) => {
      if (kind !== 'ended') return false;
      showReceipt().catch(() => {});
      return true;
    };
  }

  async function proceed() {
    document.querySelector('[data-testid=device-check]').hidden = true;
    if (mode === 'dialogue') {
      // A dialogue's invitee: the link binds this device; the presiding official admits each one (the hub's
      // 'Admitted' push enters the session), and a reload finds them where they were.
      R.state.rejoin = async () => {
        const entry = await R.state.connection.invoke('JoinDialogue', token, R.deviceKey());
        if (entry.state === 'admitted') { await R.enterSession(entry.sessionId); return; }
        document.querySelector('[data-testid=dialogue-waiting]').hidden = false;
      };
    } else if (mode === 'adhoc') {
      const name = sessionStorage.getItem('reception.name.' + token) || document.querySelector('[data-testid=adhoc-name]').value.trim();
      sessionStorage.setItem('reception.name.' + token, name);
      R.state.rejoin = async () => R.startSession(await R.state.connection.invoke('JoinWithLink', token, R.deviceKey(), name));
    } else {
      R.state.rejoin = async () => { await waitForDoor(); await R.enterLobby(token); };
    }
    try {
      await R.state.rejoin();
    } catch (e) {
      R.showError(R.hubError(e));
      // Back after the end (a reload): the receipt is still theirs.
      if (mode === 'booking') { await showReceipt(false).catch(() => {}); }
    }
  }

  try {
    await R.connect();
  } catch (e) {
    R.showError(R.t('NoServer'));
    return;
  }
  R.wireSessionControls();
  if (mode === 'booking') R.state.connection.on('ReceiptReady', () => { showReceipt().catch(() => {}); });
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
