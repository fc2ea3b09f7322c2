// Presiding console: today's queue, admission, invitations, moderation, chat, ending with an outcome.
'use strict';

(async function () {
  const R = window.Reception;
  const root = document.querySelector('[data-console-root]');
  const presiding = root.dataset.presiding === 'true';
  const $ = (sel) => document.querySelector(sel);

  async function enter(sessionId) {
    R.state.rejoin = async () => R.enterSession(sessionId);
    try {
      await R.state.rejoin();
      if (presiding) { $('[data-testid=presiding-controls]').hidden = false; await loadOfficials(); await showDialogue(); }
      $('[data-testid=queue-panel]')?.setAttribute('data-in-session', 'true');
    } catch (e) {
      R.showError(R.hubError(e));
    }
  }

  async function refreshQueue() {
    if (!presiding) return;
    const items = await R.state.connection.invoke('WatchQueue');
    const body = $('[data-testid=queue] tbody');
    body.innerHTML = '';
    for (const q of items) {
      const tr = document.createElement('tr');
      tr.dataset.testid = 'queue-row';
      tr.dataset.booking = q.code;
      const cells = [q.slotStart.substring(0, 5), q.code, q.displayName || R.t('Sealed'), R.t('Kind.' + q.kind) + ' — ' + q.subjectArea, q.summary,
        `${q.connectedRepresentatives}/${q.representatives}`];
      for (const c of cells) { const td = document.createElement('td'); td.textContent = c; tr.appendChild(td); }
      tr.appendChild(historyCell(q));
      const td = document.createElement('td');
      const b = document.createElement('button');
      b.type = 'button'; b.textContent = R.t('Admit'); b.dataset.testid = 'admit-chosen';
      b.addEventListener('click', () => admit(q.lobbyEntryId));
      td.appendChild(b); tr.appendChild(td);
      body.appendChild(tr);
    }
    $('[data-testid=queue-empty]').hidden = items.length > 0;
    $('[data-testid=queue]').hidden = items.length === 0;
  }

  // The citizen's earlier sessions (outcome named as in the end-of-session list) and case files.
  function historyCell(q) {
    const td = document.createElement('td');
    td.dataset.testid = 'queue-history';
    const outcome = (n) => $(`[data-testid=end-outcome] option[value="${n}"]`)?.textContent ?? String(n);
    const day = (d) => d.split('-').reverse().join('/');
    const lines = [
      ...q.earlierSessions.map((s) => R.t('EarlierSession', day(s.date), outcome(s.outcome))),
      ...q.earlierCases.map((c) => R.t('EarlierCase', c.number, day(c.receivedOn), c.subjectArea, c.status)),
    ];
    if (lines.length === 0) { td.textContent = '—'; return td; }
    const ul = document.createElement('ul');
    for (const l of lines) { const li = document.createElement('li'); li.textContent = l; ul.appendChild(li); }
    td.appendChild(ul);
    return td;
  }

  async function admit(entryId, unrecorded) {
    try {
      const sessionId = await R.state.connection.invoke(unrecorded ? 'AdmitUnrecorded' : 'Admit', entryId);
      await enter(sessionId);
    } catch (e) { showAdmitError(e, () => admit(entryId, true)); }
  }

  function showAdmitError(e, runUnrecorded) {
    const message = R.hubError(e);
    const rec = window.ReceptionRecording;
    // Recording storage not ready: the chairman sees why and may choose, explicitly, to receive unrecorded.
    if (rec && message.startsWith(rec.notReadyPrefix)) rec.showNotReady(message.substring(rec.notReadyPrefix.length), runUnrecorded);
    else R.showError(message);
  }

  async function loadOfficials() {
    const select = $('[data-testid=invite-select]');
    if (select.options.length > 0) return;
    const officials = await R.state.connection.invoke('ListOfficials');
    for (const o of officials) {
      const opt = document.createElement('option');
      opt.value = o.id; opt.textContent = o.fullName + (o.title ? ` (${o.title})` : '');
      select.appendChild(opt);
    }
    // Nobody else to invite: a sentence instead of an empty list and a button that would do nothing.
    $('[data-testid=invite-controls]').hidden = officials.length === 0;
    $('[data-testid=invite-none]').hidden = officials.length > 0;
  }

  // ---------------- dialogue (docs/adr/0088) ----------------

  // A dialogue session: its invitations with their state, a new or replaced link to copy, more invitees; the
  // outcome "open a case" does not apply (the case exists).
  async function showDialogue() {
    const number = R.state.dialogueCaseNumber;
    $('[data-testid=dialogue-panel]').hidden = !number;
    const caseAccepted = $('[data-testid=end-outcome] option[value="1"]');
    if (caseAccepted) { caseAccepted.hidden = !!number; caseAccepted.disabled = !!number; }
    if (!number) return;
    $('[data-testid=dialogue-case]').textContent = number;
    await refreshInvitations();
  }

  async function refreshInvitations() {
    if (!presiding || !R.state.dialogueCaseNumber) return;
    const rows = await R.state.connection.invoke('DialogueInvitations');
    const body = $('[data-testid=dialogue-invitations] tbody');
    body.innerHTML = '';
    for (const inv of rows) {
      const tr = document.createElement('tr');
      tr.dataset.testid = 'dialogue-invitation';
      tr.dataset.state = inv.state;
      for (const c of [inv.fullName, inv.affiliation || '—', R.t('Dialogue.State.' + inv.state)]) {
        const td = document.createElement('td'); td.textContent = c; tr.appendChild(td);
      }
      const td = document.createElement('td');
      if (inv.state !== 'Revoked') {
        const reissue = document.createElement('button');
        reissue.type = 'button'; reissue.dataset.testid = 'dialogue-reissue'; reissue.textContent = R.t('Dialogue.Reissue');
        reissue.addEventListener('click', () => dialogueCall(async () => showLink(await R.state.connection.invoke('ReissueDialogueLink', inv.id))));
        const revoke = document.createElement('button');
        revoke.type = 'button'; revoke.dataset.testid = 'dialogue-revoke'; revoke.textContent = R.t('Dialogue.Revoke');
        revoke.addEventListener('click', () => dialogueCall(() => R.state.connection.invoke('RevokeDialogueLink', inv.id)));
        td.append(reissue, ' ', revoke);
      }
      tr.appendChild(td);
      body.appendChild(tr);
    }
  }

  async function dialogueCall(call) {
    try { await call(); await refreshInvitations(); } catch (e) { R.showError(R.hubError(e)); }
  }

  // The link exists in plain only in this answer: shown once, to copy (or e-mailed already).
  function showLink(link) {
    $('[data-testid=dialogue-new-link]').hidden = false;
    $('[data-testid=dialogue-new-link-label]').textContent = R.t('Dialogue.LinkFor', link.fullName) + (link.emailed ? R.t('Dialogue.Emailed') : '');
    $('[data-testid=dialogue-new-link-field]').value = `${location.origin}/Reception/Join?t=${encodeURIComponent(link.token)}`;
  }

  $('[data-testid=dialogue-invite-form]')?.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = (id) => $(`[data-testid=dialogue-invite-${id}]`).value.trim() || null;
    if (!value('name')) { R.showError(R.t('Dialogue.NameRequired')); return; }
    const invitee = { kind: Number($('[data-testid=dialogue-invite-kind]').value), fullName: value('name'), organisation: value('organisation'), position: value('position'), email: value('email') };
    dialogueCall(async () => {
      showLink(await R.state.connection.invoke('InviteToDialogue', invitee));
      ev.target.reset();
    });
  });

  window.ReceptionConsole = {
    refreshQueue: () => refreshQueue().catch(() => {}),
    decorateParticipant(li, p) {
      if (!presiding) return;
      if (p.role === 'Waiting') {
        const admit = document.createElement('button');
        admit.type = 'button'; admit.dataset.testid = 'admit-guest'; admit.textContent = R.t('AdmitGuest');
        admit.addEventListener('click', () => R.state.connection.invoke('AdmitGuest', p.id).catch((e) => R.showError(R.hubError(e))));
        li.append(' ', admit);
        return;
      }
      const mute = document.createElement('button');
      mute.type = 'button'; mute.dataset.testid = 'mute'; mute.textContent = p.muted ? R.t('Unmute') : R.t('Mute');
      mute.addEventListener('click', () => R.state.connection.invoke('SetMuted', p.id, !p.muted).catch((e) => R.showError(R.hubError(e))));
      const remove = document.createElement('button');
      remove.type = 'button'; remove.dataset.testid = 'remove'; remove.textContent = R.t('Remove');
      remove.addEventListener('click', () => R.state.connection.invoke('RemoveParticipant', p.id).catch((e) => R.showError(R.hubError(e))));
      li.append(' ', mute, ' ', remove);
    },
  };

  try {
    await R.connect();
  } catch (e) {
    R.showError(R.t('NoServer'));
    return;
  }
  R.wireSessionControls();
  if (window.ReceptionRecording) window.ReceptionRecording.wire(presiding);
  // After the end the console stays connected and ready for the next citizen: the call's controls go, the end form
  // is empty again, the queue is shown afresh.
  R.state.endedText = R.t('EndedConsole');
  R.state.onFinished = (kind) => {
    R.state.dialogueCaseNumber = null;
    const form = $('[data-testid=end-form]');
    if (form) { form.reset(); $('[data-testid=end-ground-row]').hidden = true; }
    for (const sel of ['[data-testid=presiding-controls]', '[data-testid=dialogue-panel]', '[data-testid=dialogue-new-link]', '[data-testid=adhoc-link]']) {
      const el = $(sel); if (el) el.hidden = true;
    }
    $('[data-testid=queue-panel]')?.removeAttribute('data-in-session');
    $('[data-testid=participants]')?.replaceChildren();
    $('[data-testid=chat-log]')?.replaceChildren();
    // An official removed from the session leaves it; the console itself is still theirs.
    if (kind === 'removed' && !presiding) return false;
    R.state.ended = false;
    refreshQueue().catch(() => {});
    return true;
  };
  R.state.onParticipants = () => { refreshInvitations().catch(() => {}); };

  $('[data-testid=admit-next]')?.addEventListener('click', () => admit(null));
  // The presiding official says what the ad-hoc reception is about and why before it opens (a denunciation is sealed).
  async function openAdHoc(unrecorded) {
    const reason = $('[data-testid=adhoc-reason]').value.trim();
    const kind = Number($('[data-testid=adhoc-kind]').value);
    if (!reason) { R.showError(R.t('AdHocReasonRequired')); return; }
    try {
      const adhoc = await R.state.connection.invoke(unrecorded ? 'OpenAdHocSessionUnrecorded' : 'OpenAdHocSession', reason, kind);
      $('[data-testid=adhoc-form]').hidden = true;
      const link = `${location.origin}/Reception/Join?t=${encodeURIComponent(adhoc.joinToken)}`;
      const out = $('[data-testid=adhoc-link]');
      out.textContent = link; out.hidden = false;
      await enter(adhoc.sessionId);
    } catch (e) { showAdmitError(e, () => openAdHoc(true)); }
  }
  $('[data-testid=open-adhoc]')?.addEventListener('click', () => { $('[data-testid=adhoc-form]').hidden = false; $('[data-testid=adhoc-reason]').focus(); });
  $('[data-testid=adhoc-form]')?.addEventListener('submit', (ev) => { ev.preventDefault(); openAdHoc(false); });
  $('[data-testid=adhoc-cancel]')?.addEventListener('click', () => { $('[data-testid=adhoc-form]').hidden = true; });
  $('[data-testid=adhoc-kind]')?.addEventListener('change', (ev) => { $('[data-testid=adhoc-sealed-note]').hidden = ev.target.value !== '1'; });
  $('[data-testid=invite-submit]')?.addEventListener('click', () =>
    R.state.connection.invoke('Invite', $('[data-testid=invite-select]').value).catch((e) => R.showError(R.hubError(e))));
  $('[data-testid=end-outcome]')?.addEventListener('change', (ev) => { $('[data-testid=end-ground-row]').hidden = ev.target.value !== '3'; });
  $('[data-testid=end-form]')?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const outcome = Number($('[data-testid=end-outcome]').value);
    const ground = outcome === 3 ? Number($('[data-testid=end-ground]').value) || null : null;
    if (outcome === 3 && !ground) { R.showError(R.t('GroundRequired')); return; }
    const errorBox = $('[data-testid=reception-error]');
    errorBox.hidden = true;
    try {
      await R.state.connection.invoke('EndSession', outcome, ground, $('[data-testid=end-note]').value || null);
    } catch (e) {
      // The "ended" push arrived first: the end succeeded, whatever became of the call's answer.
      if (!R.state.sessionId) return;
      R.showError(R.hubError(e));
    }
  });
  document.querySelectorAll('[data-testid=join-invited]').forEach((b) => b.addEventListener('click', () => enter(b.dataset.session)));
  // Served disabled: a click before the hub connection and these handlers exist would do nothing, silently.
  for (const b of document.querySelectorAll('[data-testid=admit-next], [data-testid=open-adhoc], [data-testid=join-invited]')) b.disabled = false;

  await refreshQueue().catch((e) => R.showError(R.hubError(e)));
  if (root.dataset.openSession) await enter(root.dataset.openSession);
})();
