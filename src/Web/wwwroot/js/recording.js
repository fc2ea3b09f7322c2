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

  // Resolves once the participant may publish: at once when the room does not record or the notice was
  // acknowledged already (a reload or reconnect), otherwise after they read and accept the notice.
  async function beforePublish() {
    const R = window.Reception;
    let status = await R.state.connection.invoke('RecordingStatus');
    if (status.recorded && !status.consented) {
      const notice = $('[data-testid=recording-notice]');
      $('[data-testid=recording-notice-text]').textContent = status.noticeText;
      notice.hidden = false;
      const button = $('[data-testid=recording-acknowledge]');
      status = await new Promise((resolve, reject) => {
        const onClick = async () => {
          button.disabled = true;
          try {
            const acknowledged = await R.state.connection.invoke('AcknowledgeRecordingNotice', status.noticeVersion);
            button.removeEventListener('click', onClick);
            resolve(acknowledged);
          } catch (e) {
            button.disabled = false;
            R.showError(R.hubError(e));
            reject(e);
          }
        };
        button.addEventListener('click', onClick);
      });
      notice.hidden = true;
      button.disabled = false;
    }
    render(status);
  }

  // The session ended: no indicator, no controls, no notice left over for the next one.
  function reset() {
    render({ recorded: false, paused: false });
    for (const sel of ['[data-testid=recording-notice]', '[data-testid=recording-not-ready]']) { const el = $(sel); if (el) el.hidden = true; }
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
  }

  window.ReceptionRecording = { render, reset, beforePublish, showNotReady, wire, notReadyPrefix: '[recording-not-ready] ' };
})();
