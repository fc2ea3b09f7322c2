// The call's controls, shared by the citizen page and the console: microphone, camera, front/back camera, audio-only,
// screen share (only where the browser can share and the device is not a phone or tablet), chat panel, leave with
// confirmation; connection quality and "reconnecting"; the "enable sound" button when autoplay is refused.
'use strict';

(function () {
  const R = window.Reception;
  const Q = window.CallQuality;
  const $ = (sel) => document.querySelector(sel);
  const call = $('[data-testid=session]');
  if (!R || !call) return;
  const q = (id) => call.querySelector(`[data-testid=${id}]`) || document.querySelector(`[data-testid=${id}]`);
  const desktop = window.matchMedia('(min-width: 900px)');
  // The presiding official ends the session with an outcome (the console's end form) instead of leaving it.
  const presidingHere = () => R.state.participants.some((p) => p.id === R.state.participantId && p.role === 'Presiding');

  const pressed = (button, on) => button.setAttribute('aria-pressed', on ? 'true' : 'false');
  const isPressed = (button) => button.getAttribute('aria-pressed') === 'true';
  const fail = (e) => R.showError(R.hubError(e));

  // ---------------- screen share: a capability of the browser and of the device ----------------

  // Phones and tablets have no getDisplayMedia, or have one that cannot share (touch-only devices): asked of the
  // browser's features (no fine pointer, touch points), not of its name.
  function canShareScreen() {
    if (!navigator.mediaDevices || typeof navigator.mediaDevices.getDisplayMedia !== 'function') return false;
    const touchOnly = navigator.maxTouchPoints > 0 && !window.matchMedia('(any-pointer: fine)').matches;
    const mobileHint = navigator.userAgentData ? navigator.userAgentData.mobile : false;
    return !touchOnly && !mobileHint;
  }

  // ---------------- front/back camera: only when there is another camera to switch to ----------------

  async function canSwitchCamera() {
    if (!navigator.mediaDevices?.enumerateDevices) return false;
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    if (cameras.length > 1) return true;
    const track = R.state.camera?.getVideoTracks()[0];
    const facing = track && typeof track.getCapabilities === 'function' ? track.getCapabilities().facingMode : null;
    return Array.isArray(facing) && facing.length > 0 && navigator.mediaDevices.getSupportedConstraints().facingMode === true;
  }

  async function refreshButtons() {
    q('share-screen').hidden = !canShareScreen();
    q('switch-camera').hidden = R.state.audioOnly || !(await canSwitchCamera().catch(() => false));
    q('leave').hidden = presidingHere();
    const audioOnly = !!R.state.audioOnly;
    pressed(q('toggle-audio-only'), audioOnly);
    q('toggle-camera').disabled = audioOnly;
    q('audio-only-note').hidden = !audioOnly;
    q('camera-off-note').hidden = !(audioOnly || R.state.cameraOff);
  }

  // ---------------- chat panel ----------------

  let unread = 0;
  function setChatOpen(open, focus) {
    const panel = q('chat-panel');
    panel.dataset.open = open ? 'true' : 'false';
    call.dataset.chatOpen = open ? 'true' : 'false';
    q('chat-toggle').setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) {
      unread = 0;
      q('chat-unread').hidden = true;
      if (focus) q('chat-input').focus();
    } else if (focus) {
      q('chat-toggle').focus();
    }
  }

  function onChat(m) {
    // Announced politely whether the panel is open or not; counted on the button while it is closed.
    q('chat-announcer').textContent = R.t('Call.NewMessage', m.authorName, m.text);
    if (q('chat-panel').dataset.open !== 'true') {
      unread += 1;
      const badge = q('chat-unread');
      badge.textContent = String(unread);
      badge.hidden = false;
    }
  }

  // ---------------- connection state and quality ----------------

  const peers = new Set();
  const samples = [];
  let hubReconnecting = false;
  let suggestionDismissed = false;

  function reconnecting() {
    if (hubReconnecting) return true;
    for (const pc of peers) {
      if (pc.connectionState === 'closed') { peers.delete(pc); continue; }
      if (pc.connectionState === 'disconnected' || pc.connectionState === 'failed' || pc.iceConnectionState === 'disconnected') return true;
    }
    return false;
  }

  function renderConnection() {
    const again = reconnecting() && !R.state.ended;
    const note = q('call-reconnecting');
    note.hidden = !again;
    note.textContent = again ? R.t('Call.Reconnecting') : '';
    const indicator = q('call-quality');
    const assessed = Q.assess(samples);
    const levelNow = again ? 'reconnecting' : assessed.level;
    indicator.dataset.level = levelNow;
    q('call-quality-text').textContent = again ? R.t('Call.Reconnecting') : R.t('Call.Quality.' + assessed.level);
    q('poor-uplink').hidden = again || !assessed.suggestAudioOnly || suggestionDismissed || !!R.state.audioOnly;
  }

  function follow(pc) {
    peers.add(pc);
    // The first quality reading as soon as media flows, not at the next tick: "connecting" must not linger.
    pc.addEventListener('connectionstatechange', () => { if (pc.connectionState === 'connected') sampleQuality().catch(() => {}); });
    pc.addEventListener('connectionstatechange', renderConnection);
    pc.addEventListener('iceconnectionstatechange', renderConnection);
    renderConnection();
  }

  async function sampleQuality() {
    const pc = R.state.publishers.camera;
    if (!pc || pc.connectionState !== 'connected') { renderConnection(); return; }
    samples.push(Q.sample(await pc.getStats()));
    if (samples.length > 10) samples.shift();
    renderConnection();
  }

  // ---------------- wiring ----------------

  R.state.onPeer = follow;
  R.state.onChat = onChat;
  R.state.onAutoplayBlocked = () => { q('autoplay-blocked').hidden = false; };
  R.state.onScreenChanged = (on) => pressed(q('share-screen'), on);
  R.state.onSessionStarted = () => {
    // A new call (the console's next citizen, a rejoin) gets fresh tracks: they follow the buttons as they are.
    R.setSelfMuted(isPressed(q('toggle-mic')));
    R.setCameraOff(isPressed(q('toggle-camera')));
    samples.length = 0;
    suggestionDismissed = false;
    refreshButtons().catch(() => {});
    renderConnection();
  };

  q('toggle-mic').addEventListener('click', (ev) => {
    const off = !isPressed(ev.currentTarget);
    R.setSelfMuted(off);
    pressed(ev.currentTarget, off);
  });
  q('toggle-camera').addEventListener('click', (ev) => {
    const off = !isPressed(ev.currentTarget);
    R.setCameraOff(off);
    pressed(ev.currentTarget, off);
    q('camera-off-note').hidden = !off;
  });
  const setAudioOnly = async (on) => {
    const button = q('toggle-audio-only');
    button.disabled = true;
    try { await R.setAudioOnly(on); } catch (e) { R.showError(R.t('Call.CameraFailed', e.message)); } finally { button.disabled = false; }
    await refreshButtons();
    renderConnection();
  };
  q('toggle-audio-only').addEventListener('click', (ev) => setAudioOnly(!isPressed(ev.currentTarget)));
  q('poor-uplink-accept').addEventListener('click', () => setAudioOnly(true));
  q('poor-uplink-dismiss').addEventListener('click', () => { suggestionDismissed = true; renderConnection(); });
  q('switch-camera').addEventListener('click', () => R.switchCamera().catch((e) => R.showError(R.t('Call.CameraFailed', e.message))));
  q('chat-toggle').addEventListener('click', () => setChatOpen(q('chat-panel').dataset.open !== 'true', true));
  q('chat-close').addEventListener('click', () => setChatOpen(false, true));
  call.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    if (!q('leave-confirm').hidden) { q('leave-confirm').hidden = true; q('leave').focus(); return; }
    if (q('chat-panel').dataset.open === 'true') setChatOpen(false, true);
  });
  q('unmute-remote').addEventListener('click', () => {
    R.playRemoteMedia().then(() => { q('autoplay-blocked').hidden = true; }).catch(() => { /* still refused: the button stays */ });
  });
  q('leave').addEventListener('click', () => { q('leave-confirm').hidden = false; q('leave-no').focus(); });
  q('leave-no').addEventListener('click', () => { q('leave-confirm').hidden = true; q('leave').focus(); });
  q('leave-yes').addEventListener('click', () => { q('leave-confirm').hidden = true; R.leave().catch(fail); });

  // Chat opens beside the call on a desktop; on a phone it stays closed until asked for.
  setChatOpen(desktop.matches, false);
  refreshButtons().catch(() => {});
  window.setInterval(() => { if (R.state.sessionId) sampleQuality().catch(() => {}); }, 2000);

  // The hub connection reconnecting is shown as well: signalling is down even while media may still flow.
  R.onHubState = (down) => { hubReconnecting = down; renderConnection(); };
})();
