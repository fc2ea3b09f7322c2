// Recording in a live session: the notice is acknowledged before anything is published (the server refuses to
// publish without the stored acknowledgment anyway), the indicator follows pause/resume, the presiding official
// pauses with a reason, and the console offers the explicit "run unrecorded" choice when storage is not ready.
// Texts come from the page (data-text-* attributes rendered from RecordingsResource).
'use strict';

(function () {
  const $ = (sel) => document.querySelector(sel);
  let presiding = false;

  function render(s) {
    const indicator = $('[data-testid=recording-indicator]');
    if (indicator) {
      indicator.hidden = !s.recorded;
      indicator.dataset.state = s.paused ? 'paused' : 'recording';
      indicator.textContent = s.paused ? indicator.dataset.textPaused : indicator.dataset.textRecording;
    }
    const controls = $('[data-testid=recording-controls]');
    if (controls) {
      controls.hidden = !(presiding && s.recorded);
      $('[data-testid=recording-pause]').hidden = s.paused;
      $('[data-testid=recording-pause-reason]').parentElement.hidden = s.paused;
      $('[data-testid=recording-resume]').hidden = !s.paused;
    }
  }

  // The notice as paragraphs (the stored text keeps its line breaks): read in full, no inner scroll box.
  function renderNotice(text) {
    const box = $('[data-testid=recording-notice-text]');
    box.replaceChildren(...text.split(/\n+/).filter((line) => line.trim()).map((line) => {
      const p = document.createElement('p');
      p.textContent = line;
      return p;
    }));
  }

  // Resolves once the participant may publish: at once when the room does not record or the notice was
  // acknowledged already (a reload or reconnect), otherwise after they agree, or — having refused — once the
  // presiding official chose to continue unrecorded (the server then reports the room as not recorded).
  async function beforePublish() {
    const R = window.Reception;
    let status = await R.state.connection.invoke('RecordingStatus');
    if (status.recorded && !status.consented) {
      const notice = $('[data-testid=recording-notice]');
      renderNotice(status.noticeText);
      notice.hidden = false;
      const agree = $('[data-testid=recording-acknowledge]');
      const refuse = $('[data-testid=recording-refuse]');
      const refusedNote = $('[data-testid=recording-refused-note]');
      // The presiding official does not refuse: they choose to run a session unrecorded instead.
      refuse.hidden = presiding;
      refusedNote.hidden = !status.refused;
      refuse.disabled = !!status.refused;
      $('#recording-notice-title')?.focus();
      status = await new Promise((resolve, reject) => {
        const done = (value) => {
          agree.removeEventListener('click', onAgree);
          refuse.removeEventListener('click', onRefuse);
          R.state.connection.off('RecordingChanged', onChanged);
          resolve(value);
        };
        const onAgree = async () => {
          agree.disabled = true;
          try {
            done(await R.state.connection.invoke('AcknowledgeRecordingNotice', status.noticeVersion));
          } catch (e) {
            agree.disabled = false;
            R.showError(R.hubError(e));
            reject(e);
          }
        };
        const onRefuse = async () => {
          refuse.disabled = true;
          try {
            const refused = await R.state.connection.invoke('RefuseRecordingNotice', status.noticeVersion);
            if (!refused.recorded) { done(refused); return; }
            refusedNote.hidden = false;
            refusedNote.focus();
          } catch (e) {
            refuse.disabled = false;
            R.showError(R.hubError(e));
          }
        };
        // The presiding official continued unrecorded: nothing of this participant is recorded, so they may publish.
        const onChanged = (s) => { if (!s.recorded) done({ ...status, recorded: false, consented: true }); };
        agree.addEventListener('click', onAgree);
        refuse.addEventListener('click', onRefuse);
        R.state.connection.on('RecordingChanged', onChanged);
      });
      notice.hidden = true;
      agree.disabled = false;
      refuse.disabled = false;
      refusedNote.hidden = true;
    }
    render(status);
  }

  // The console: a participant refused; the presiding official continues unrecorded or ends the session.
  function showRefused(refusal) {
    const box = $('[data-testid=recording-refused]');
    if (!box || !presiding) return;
    $('[data-testid=recording-refused-name]').textContent = refusal.displayName;
    box.hidden = false;
  }

  // The session ended: no indicator, no controls, no notice left over for the next one.
  function reset() {
    render({ recorded: false, paused: false });
    for (const sel of ['[data-testid=recording-notice]', '[data-testid=recording-not-ready]', '[data-testid=recording-refused]']) { const el = $(sel); if (el) el.hidden = true; }
  }

  function showNotReady(problem, runUnrecorded) {
    const box = $('[data-testid=recording-not-ready]');
    if (!box) return;
    $('[data-testid=recording-not-ready-problem]').textContent = problem;
    box.hidden = false;
    const go = $('[data-testid=admit-unrecorded]');
    const cancel = $('[data-testid=admit-unrecorded-cancel]');
    const close = () => { box.hidden = true; go.onclick = null; cancel.onclick = null; };
    go.onclick = async () => { close(); await runUnrecorded(); };
    cancel.onclick = close;
  }

  function wire(isPresiding) {
    presiding = isPresiding;
    const R = window.Reception;
    $('[data-testid=recording-pause]')?.addEventListener('click', async (ev) => {
      const input = $('[data-testid=recording-pause-reason]');
      const reason = input.value.trim();
      if (!reason) { R.showError(ev.currentTarget.dataset.textReasonRequired); return; }
      try { await R.state.connection.invoke('PauseRecording', reason); input.value = ''; } catch (e) { R.showError(R.hubError(e)); }
    });
    $('[data-testid=recording-resume]')?.addEventListener('click', () =>
      R.state.connection.invoke('ResumeRecording').catch((e) => R.showError(R.hubError(e))));
    R.state.connection.on('RecordingRefused', showRefused);
    $('[data-testid=continue-unrecorded]')?.addEventListener('click', async () => {
      try {
        await R.state.connection.invoke('ContinueUnrecorded');
        $('[data-testid=recording-refused]').hidden = true;
      } catch (e) { R.showError(R.hubError(e)); }
    });
  }

  window.ReceptionRecording = { render, reset, beforePublish, showNotReady, wire, notReadyPrefix: '[recording-not-ready] ' };
})();
