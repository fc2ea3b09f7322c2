// Online reception in the browser: SignalR to /hubs/reception for everything (lobby, admission, SDP), WebRTC to
// Janus for media. The browser never talks to Janus's API: it sends SDP offers/answers through the hub only.
'use strict';

(function () {
  const $ = (sel) => document.querySelector(sel);
  const text = (el, value) => { if (el) el.textContent = value; };
  // Texts come from the page (RealtimeResource.resx, Js.* entries); {0}, {1}… are filled from the arguments.
  const texts = JSON.parse(document.getElementById('realtime-texts')?.textContent || '{}');
  const t = (key, ...args) => (texts[key] ?? key).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));

  const state = {
    connection: null,
    sessionId: null,
    participantId: null,
    iceServers: [],
    iceTransportPolicy: 'all', // 'relay' only when the server's test setting Media:Ice:ForceRelay says so
    camera: null,            // MediaStream published as 'camera'
    screen: null,            // MediaStream published as 'screen'
    publishers: {},          // kind -> RTCPeerConnection
    subscriber: null,        // RTCPeerConnection (multistream subscription)
    streamsByMid: {},        // mid -> { participantId, kind, type }
    participants: [],
    audioOnly: false,
    rejoin: null,            // async () => re-enter after a reconnect
    onParticipants: null,
    dialogueCaseNumber: null, // set when the session is a dialogue (docs/adr/0088)
    ended: false,
    endedText: null,         // the page's own words for the end (the console does not thank the citizen)
    onFinished: null,        // (kind) => true to keep the hub connection after the end (receipt, next citizen)
    moderatedMute: false,    // the presiding official muted this participant (the server enforces it too)
    selfMuted: false,        // the participant turned their own microphone off
    cameraOff: false,        // the camera track is disabled (black frames), not stopped
    onPeer: null,            // (pc, kind) => the call page follows every PeerConnection's state
    onAutoplayBlocked: null, // () => remote media could not start without a tap (autoplay policy)
    onChat: null,            // (message) => a message arrived during the call (not the history)
    onSessionStarted: null,  // () => the call view is shown
  };

  function deviceKey() {
    let key = sessionStorage.getItem('reception.deviceKey');
    if (!key) {
      key = crypto.randomUUID();
      sessionStorage.setItem('reception.deviceKey', key);
    }
    return key;
  }

  function showError(message) {
    const el = $('[data-testid=reception-error]');
    if (el) { el.textContent = message; el.hidden = false; }
  }

  // Only the server's own sentences (HubException) and this page's (userText) are shown; anything else — the SignalR
  // client's English, a browser's exception — becomes a Vietnamese sentence.
  function hubError(err) {
    if (err && err.userText) return err.userText;
    // HubException messages arrive as "An unexpected error occurred invoking 'X' on the server. HubException: text".
    const m = String(err && err.message || err);
    const i = m.indexOf('HubException: ');
    if (i >= 0) return m.substring(i + 'HubException: '.length);
    return /connection|invocation canceled|websocket|transport/i.test(m) ? t('ConnectionLost') : t('UnexpectedError');
  }

  async function connect() {
    const connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/reception')
      .withAutomaticReconnect([0, 500, 1000, 2000, 3000, 5000, 5000, 10000, 10000, 10000])
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    state.connection = connection;
    connection.on('LobbyUpdated', (s) => renderLobby(s));
    connection.on('Admitted', (sessionId) => enterSession(sessionId));
    connection.on('LobbyClosed', () => { text($('[data-testid=lobby-state]'), t('LobbyClosed')); });
    connection.on('QueueChanged', () => { if (window.ReceptionConsole) window.ReceptionConsole.refreshQueue(); });
    connection.on('ParticipantsChanged', (list) => renderParticipants(list));
    connection.on('SubscriptionOffer', (offer) => onSubscriptionOffer(offer).catch((e) => console.warn('subscription', e)));
    connection.on('ChatReceived', (m) => appendChat(m, true));
    connection.on('MutedChanged', (muted) => applyMuted(muted));
    connection.on('Removed', () => finish('removed', t('Removed')));
    connection.on('SessionEnded', (outcome) => finish('ended', state.endedText || t('Ended'), outcome));
    connection.on('RecordingChanged', (s) => { if (window.ReceptionRecording) window.ReceptionRecording.render(s); });
    connection.on('MediaReconnect', () => { if (state.sessionId) restartMedia().catch((e) => console.warn('media reconnect', e)); });
    const hubState = (down) => { if (window.Reception.onHubState) window.Reception.onHubState(down); };
    connection.onreconnecting(() => hubState(true));
    connection.onreconnected(() => { hubState(false); if (state.rejoin && !state.ended) state.rejoin().catch((e) => showError(hubError(e))); });
    connection.onclose(() => { if (!state.ended) { hubState(true); setTimeout(reconnectForever, 1000); } });
    await connection.start();
    return connection;
  }

  async function reconnectForever() {
    try {
      await state.connection.start();
      if (window.Reception.onHubState) window.Reception.onHubState(false);
      if (state.rejoin) await state.rejoin();
    } catch (e) {
      setTimeout(reconnectForever, 2000);
    }
  }

  // ---------------- device check ----------------

  async function startPreview() {
    const audioOnly = $('[data-testid=audio-only]')?.checked ?? false;
    const cam = $('[data-testid=camera-select]')?.value;
    const mic = $('[data-testid=mic-select]')?.value;
    if (state.camera) state.camera.getTracks().forEach((t) => t.stop());
    state.audioOnly = audioOnly;
    state.camera = await navigator.mediaDevices.getUserMedia({
      audio: mic ? { deviceId: { exact: mic } } : true,
      video: audioOnly ? false : (cam ? { deviceId: { exact: cam }, width: 640, height: 360 } : { width: 640, height: 360 }),
    });
    const preview = $('[data-testid=camera-preview]');
    if (preview) preview.srcObject = state.camera;
    meter(state.camera);
    await listDevices();
  }

  async function listDevices() {
    const devices = await navigator.mediaDevices.enumerateDevices();
    for (const [kind, sel] of [['videoinput', '[data-testid=camera-select]'], ['audioinput', '[data-testid=mic-select]']]) {
      const select = $(sel);
      if (!select || select.options.length > 0) continue;
      devices.filter((d) => d.kind === kind).forEach((d, i) => {
        const o = document.createElement('option');
        o.value = d.deviceId; o.textContent = d.label || `${kind} ${i + 1}`;
        select.appendChild(o);
      });
    }
  }

  function meter(stream) {
    const bar = $('[data-testid=mic-level]');
    if (!bar || stream.getAudioTracks().length === 0) return;
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    ctx.createMediaStreamSource(stream).connect(analyser);
    const data = new Uint8Array(analyser.fftSize);
    const tick = () => {
      analyser.getByteTimeDomainData(data);
      let peak = 0;
      for (const v of data) peak = Math.max(peak, Math.abs(v - 128));
      bar.value = Math.min(100, Math.round(peak / 1.28));
      if (stream.active) requestAnimationFrame(tick);
    };
    tick();
  }

  // ---------------- lobby (citizen) ----------------

  function renderLobby(s) {
    if (s.state === 'admitted') { enterSession(s.sessionId); return; }
    if (s.state === 'closed') { text($('[data-testid=lobby-state]'), t('LobbyClosed')); return; }
    $('[data-testid=lobby]').hidden = false;
    text($('[data-testid=lobby-position]'), String(s.position));
    text($('[data-testid=lobby-wait]'), String(s.estimatedWaitMinutes));
  }

  async function enterLobby(joinToken) {
    const s = await state.connection.invoke('EnterLobby', joinToken, deviceKey());
    renderLobby(s);
  }

  // ---------------- session ----------------

  async function enterSession(sessionId) {
    if (state.ended) return;
    const info = await state.connection.invoke('JoinSession', sessionId);
    await startSession(info);
  }

  async function startSession(info) {
    state.sessionId = info.sessionId;
    state.participantId = info.participantId;
    state.iceServers = (info.iceServers || []).map((s) => ({ urls: s.urls, username: s.username || undefined, credential: s.credential || undefined }));
    state.iceTransportPolicy = info.iceTransportPolicy === 'relay' ? 'relay' : 'all';
    state.dialogueCaseNumber = info.dialogueCaseNumber || null;
    const lobby = $('[data-testid=lobby]'); if (lobby) lobby.hidden = true;
    const waiting = $('[data-testid=dialogue-waiting]'); if (waiting) waiting.hidden = true;
    const check = $('[data-testid=device-check]'); if (check) check.hidden = true;
    const done = $('[data-testid=session-finished]'); if (done) done.hidden = true;
    $('[data-testid=session]').hidden = false;
    $('[data-testid=session]').dataset.sessionId = info.sessionId;
    const chat = $('[data-testid=chat-log]');
    if (chat) { chat.innerHTML = ''; (info.chat || []).forEach(appendChat); }
    renderParticipants(info.participants);
    if (!state.camera) await startPreview();
    const self = $('[data-testid=self-view]'); if (self) self.srcObject = state.camera;
    applyMuted(info.muted);
    if (state.onSessionStarted) state.onSessionStarted();
    // Consent first: in a recorded session nothing is published before the notice is acknowledged.
    if (window.ReceptionRecording) await window.ReceptionRecording.beforePublish();
    await publish('camera', state.camera);
    if (state.screen) await publish('screen', state.screen);
  }

  // Trickle ICE: offers and answers go at once; candidates follow through the hub as the browser gathers them
  // (slow once STUN/TURN servers are configured), batched per tick, and only once the server has the handle they
  // belong to (after Publish / AnswerSubscription returned).
  function trickle(pc, target) {
    const queue = [];
    let ready = false;
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      if (!ready || queue.length === 0 || pc.connectionState === 'closed') return;
      const batch = queue.splice(0, 20);
      state.connection.invoke('TrickleCandidates', target, batch).catch((e) => console.warn('trickle', e));
      if (queue.length > 0) schedule();
    };
    const schedule = () => { if (!scheduled) { scheduled = true; setTimeout(flush, 0); } };
    pc.addEventListener('icecandidate', (ev) => {
      const c = ev.candidate;
      if (c && !c.candidate) return; // an empty candidate marks the end of one generation; null ends them all
      queue.push(c ? { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex } : null);
      schedule();
    });
    return () => { ready = true; schedule(); };
  }

  async function publish(kind, stream) {
    if (state.publishers[kind]) { state.publishers[kind].close(); delete state.publishers[kind]; }
    const pc = new RTCPeerConnection({ iceServers: state.iceServers, iceTransportPolicy: state.iceTransportPolicy });
    state.publishers[kind] = pc;
    if (state.onPeer) state.onPeer(pc, kind);
    const candidatesReady = trickle(pc, kind);
    for (const track of stream.getTracks()) pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    await pc.setLocalDescription(await pc.createOffer());
    const answer = await state.connection.invoke('Publish', kind, pc.localDescription.sdp);
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    candidatesReady();
  }

  // One subscription PeerConnection for the whole session: later offers add or remove streams on it
  // (renegotiation), so the streams it keeps never stop. A fresh offer (first one, after a reconnect or a media
  // server restart) replaces it.
  async function onSubscriptionOffer(offer) {
    let pc = state.subscriber;
    if (offer.renegotiation) {
      // For a PeerConnection this page no longer has (media restarted meanwhile): a fresh offer is on its way.
      if (!pc || pc.signalingState !== 'stable') return;
    } else {
      if (pc) pc.close();
      pc = new RTCPeerConnection({ iceServers: state.iceServers, iceTransportPolicy: state.iceTransportPolicy });
      state.subscriber = pc;
      if (state.onPeer) state.onPeer(pc, 'subscription');
      pc.ontrack = () => renderTiles(pc);
      pc.candidatesReady = trickle(pc, 'subscription');
    }
    state.streamsByMid = {};
    for (const s of offer.streams) state.streamsByMid[s.mid] = s;
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    if (state.subscriber !== pc) return; // replaced meanwhile
    renderTiles(pc);
    await state.connection.invoke('AnswerSubscription', offer.version, pc.localDescription.sdp);
    pc.candidatesReady();
  }

  // Tiles follow the subscription: one per remote participant's stream (camera or screen) with the tracks of its
  // m-lines. A tile whose tracks did not change is left alone (swapping its stream would blank it for a moment).
  function renderTiles(pc) {
    if (pc !== state.subscriber) return;
    const wanted = {};
    for (const tr of pc.getTransceivers()) {
      const info = tr.mid !== null ? state.streamsByMid[tr.mid] : null;
      if (!info) continue;
      const key = `${info.participantId}:${info.kind}`;
      (wanted[key] ??= { info, tracks: [] }).tracks.push(tr.receiver.track);
    }
    for (const tile of document.querySelectorAll('[data-tile]')) {
      if (!wanted[tile.dataset.tile]) tile.remove();
    }
    for (const [key, { info, tracks }] of Object.entries(wanted)) {
      let tile = document.querySelector(`[data-tile="${key}"]`);
      if (!tile) {
        tile = document.createElement('figure');
        tile.className = 'tile';
        tile.dataset.tile = key;
        tile.dataset.participant = info.participantId;
        tile.dataset.testid = 'remote-tile';
        const video = document.createElement('video');
        video.autoplay = true; video.playsInline = true;
        const caption = document.createElement('figcaption');
        tile.append(video, caption);
        $('[data-testid=remote-videos]').appendChild(tile);
      }
      const video = tile.querySelector('video');
      const current = video.srcObject ? video.srcObject.getTracks() : [];
      const same = current.length === tracks.length && tracks.every((t) => current.includes(t));
      if (!same) {
        video.srcObject = new MediaStream(tracks);
        video.play().catch(playRefused);
      }
    }
    labelTiles();
  }

  // The browser refuses to start sound before the user touched the page (a reload, a rejoin): the page offers a
  // button; anything else is retried by resumeRemoteMedia.
  function playRefused(e) {
    if (e && e.name === 'NotAllowedError' && state.onAutoplayBlocked) state.onAutoplayBlocked();
  }

  // Called from a click (a user gesture): every remote element starts, sound included.
  function playRemoteMedia() {
    return Promise.all([...document.querySelectorAll('[data-tile] video')].map((v) => v.play()));
  }

  // The large tile on a phone: a shared screen first, then the presiding official, then the first remote tile.
  function markMainTile() {
    const tiles = [...document.querySelectorAll('[data-tile]')];
    const main = tiles.find((x) => x.dataset.tile.endsWith(':screen')) || tiles.find((x) => x.dataset.role === 'Presiding') || tiles[0];
    for (const tile of tiles) { if (tile === main) tile.dataset.main = ''; else delete tile.dataset.main; }
  }

  // Remote feeds have no pause control, yet an element can end up paused with live tracks (a stream swap racing
  // the end of the previous subscription's tracks, a play() aborted by the next swap). Audio that is not played
  // out is silence for the participant, so every second any such element is resumed.
  function resumeRemoteMedia() {
    for (const video of document.querySelectorAll('[data-tile] video')) {
      const live = video.srcObject && video.srcObject.getTracks().some((t) => t.readyState === 'live');
      if (video.paused && live) video.play().catch(playRefused);
    }
  }
  setInterval(resumeRemoteMedia, 1000);

  // Only a new participants list removes tiles: a subscription offer can arrive before this page has the list
  // (right after a reload), and its tiles must not be dropped for being unknown yet.
  function labelTiles(removeDeparted) {
    for (const tile of document.querySelectorAll('[data-tile]')) {
      const p = state.participants.find((x) => x.id === tile.dataset.participant);
      if (p) tile.dataset.role = p.role;
      text(tile.querySelector('figcaption'), p ? nameOf(p) + (tile.dataset.tile.endsWith(':screen') ? t('ScreenSuffix') : '') : '');
      if (!p && removeDeparted) tile.remove();
    }
    markMainTile();
  }

  // A dialogue's outside participant is shown with the body they represent.
  const nameOf = (p) => p.displayName + (p.organisation ? ' — ' + p.organisation : '');

  function renderParticipants(list) {
    state.participants = list || [];
    const ul = $('[data-testid=participants]');
    if (ul) {
      ul.innerHTML = '';
      for (const p of state.participants) {
        const li = document.createElement('li');
        li.dataset.participant = p.id;
        li.dataset.role = p.role;
        // Closed the page or lost the network: not present, though they may come back with the same link.
        const gone = !p.connected && p.role !== 'Invited' && p.role !== 'Waiting';
        li.dataset.connected = gone ? 'false' : 'true';
        li.textContent = nameOf(p) + (p.muted ? t('MutedSuffix') : '') + (p.role === 'Invited' ? t('InvitedSuffix') : '') + (p.role === 'Waiting' ? t('WaitingSuffix') : '') + (gone ? t('GoneSuffix') : '');
        if (window.ReceptionConsole && p.id !== state.participantId && p.role !== 'Invited') window.ReceptionConsole.decorateParticipant(li, p);
        ul.appendChild(li);
      }
    }
    labelTiles(true);
    if (state.onParticipants) state.onParticipants(state.participants);
  }

  function appendChat(m, live) {
    const log = $('[data-testid=chat-log]');
    if (!log || log.querySelector(`[data-chat-id="${m.id}"]`)) return;
    if (live && state.onChat) state.onChat(m);
    const li = document.createElement('li');
    li.dataset.chatId = m.id;
    const who = document.createElement('strong');
    who.textContent = m.authorName + ': ';
    li.append(who, document.createTextNode(m.text));
    log.appendChild(li);
  }

  function applyMuted(muted) {
    state.moderatedMute = !!muted;
    applyMicrophone();
    const flag = $('[data-testid=muted-flag]'); if (flag) flag.hidden = !muted;
  }

  // The microphone sends sound only when neither the participant nor the presiding official turned it off.
  function applyMicrophone() {
    if (state.camera) state.camera.getAudioTracks().forEach((t) => { t.enabled = !state.moderatedMute && !state.selfMuted; });
  }

  function setSelfMuted(muted) {
    state.selfMuted = !!muted;
    applyMicrophone();
  }

  function setCameraOff(off) {
    state.cameraOff = !!off;
    if (state.camera) state.camera.getVideoTracks().forEach((t) => { t.enabled = !off; });
  }

  const cameraSender = () => {
    const pc = state.publishers.camera;
    return pc ? pc.getTransceivers().find((tr) => tr.receiver.track && tr.receiver.track.kind === 'video' && tr.sender) : null;
  };

  // Audio-only during the call: the camera is released and no video is sent (sound goes on); back, a new camera
  // track takes the same sender, or — when the call began without video — the camera is published again.
  async function setAudioOnly(on) {
    if (!state.camera) return;
    const transceiver = cameraSender();
    if (on) {
      for (const track of state.camera.getVideoTracks()) { track.stop(); state.camera.removeTrack(track); }
      if (transceiver) await transceiver.sender.replaceTrack(null);
      state.audioOnly = true;
      return;
    }
    const cam = $('[data-testid=camera-select]')?.value;
    const video = await navigator.mediaDevices.getUserMedia({ video: cam ? { deviceId: { exact: cam }, width: 640, height: 360 } : { width: 640, height: 360 } });
    const track = video.getVideoTracks()[0];
    track.enabled = !state.cameraOff;
    state.camera.addTrack(track);
    state.audioOnly = false;
    if (transceiver) await transceiver.sender.replaceTrack(track);
    else if (state.sessionId) await publish('camera', state.camera);
    const self = $('[data-testid=self-view]'); if (self) { self.srcObject = null; self.srcObject = state.camera; }
  }

  // Another camera (front/back on a phone, or the next device): the new track replaces the old on the same sender.
  async function switchCamera() {
    if (!state.camera || state.audioOnly) return;
    const current = state.camera.getVideoTracks()[0];
    const devices = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    const settings = current ? current.getSettings() : {};
    let constraints;
    if (devices.length > 1) {
      const i = devices.findIndex((d) => d.deviceId === settings.deviceId);
      constraints = { deviceId: { exact: devices[(i + 1) % devices.length].deviceId }, width: 640, height: 360 };
    } else {
      constraints = { facingMode: settings.facingMode === 'environment' ? 'user' : 'environment', width: 640, height: 360 };
    }
    if (current) current.stop();
    const video = await navigator.mediaDevices.getUserMedia({ video: constraints });
    const track = video.getVideoTracks()[0];
    track.enabled = !state.cameraOff;
    if (current) state.camera.removeTrack(current);
    state.camera.addTrack(track);
    const transceiver = cameraSender();
    if (transceiver) await transceiver.sender.replaceTrack(track);
    const self = $('[data-testid=self-view]'); if (self) { self.srcObject = null; self.srcObject = state.camera; }
  }

  // The participant leaves (not the presiding official, who ends the session with an outcome).
  async function leave() {
    await state.connection.invoke('LeaveSession');
    finish('left', t('Call.Left'));
  }

  async function restartMedia() {
    for (const pc of Object.values(state.publishers)) pc.close();
    state.publishers = {};
    if (state.subscriber) { state.subscriber.close(); state.subscriber = null; }
    document.querySelectorAll('[data-tile]').forEach((t) => t.remove());
    if (state.rejoin) await state.rejoin();
  }

  // The end on this page: media stopped, the call's view and the recording indicator gone, the page's own words; the
  // page may keep the hub connection (the citizen's receipt, the console's next citizen).
  function finish(kind, message, outcome) {
    state.ended = true;
    for (const pc of Object.values(state.publishers)) pc.close();
    if (state.subscriber) state.subscriber.close();
    if (state.camera) state.camera.getTracks().forEach((t) => t.stop());
    if (state.screen) state.screen.getTracks().forEach((t) => t.stop());
    state.publishers = {}; state.subscriber = null; state.camera = null; state.screen = null;
    state.streamsByMid = {}; state.sessionId = null; state.rejoin = null;
    document.querySelectorAll('[data-tile]').forEach((tile) => tile.remove());
    const self = $('[data-testid=self-view]'); if (self) self.srcObject = null;
    if (window.ReceptionRecording) window.ReceptionRecording.reset();
    sessionStorage.removeItem('reception.inSession');
    const session = $('[data-testid=session]'); if (session) { session.hidden = true; delete session.dataset.sessionId; }
    const done = $('[data-testid=session-finished]');
    if (done) { done.hidden = false; done.dataset.reason = kind; text(done, message); }
    const keep = state.onFinished ? state.onFinished(kind, outcome) : false;
    if (!keep && state.connection) state.connection.stop();
  }

  async function shareScreen() {
    if (state.screen) {
      state.screen.getTracks().forEach((t) => t.stop());
      state.screen = null;
      if (state.publishers.screen) { state.publishers.screen.close(); delete state.publishers.screen; }
      await state.connection.invoke('Unpublish', 'screen');
      if (state.onScreenChanged) state.onScreenChanged(false);
      return;
    }
    state.screen = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    state.screen.getVideoTracks()[0].addEventListener('ended', () => { if (state.screen) shareScreen(); });
    await publish('screen', state.screen);
    if (state.onScreenChanged) state.onScreenChanged(true);
  }

  function wireSessionControls() {
    $('[data-testid=chat-form]')?.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const input = $('[data-testid=chat-input]');
      const value = input.value.trim();
      if (!value) return;
      try { await state.connection.invoke('SendChat', value); input.value = ''; } catch (e) { showError(hubError(e)); }
    });
    $('[data-testid=share-screen]')?.addEventListener('click', () => shareScreen().catch((e) => showError(hubError(e))));
  }

  // Figures for tests and benchmarks: what the subscription actually decodes, per participant.
  async function stats() {
    const result = {};
    if (!state.subscriber) return result;
    const report = await state.subscriber.getStats();
    report.forEach((r) => {
      if (r.type !== 'inbound-rtp') return;
      const info = state.streamsByMid[r.mid];
      if (!info) return;
      const p = result[info.participantId] ??= { framesDecoded: 0, freezeCount: 0, freezeMs: 0, audioEnergy: 0, audioSamples: 0, audioPackets: 0 };
      if (r.kind === 'video') {
        p.framesDecoded += r.framesDecoded || 0;
        // The receiver's own count of video freezes (a frame later than max(3 × average, average + 150 ms)).
        p.freezeCount += r.freezeCount || 0;
        p.freezeMs += (r.totalFreezesDuration || 0) * 1000;
      }
      if (r.kind === 'audio') { p.audioEnergy += r.totalAudioEnergy || 0; p.audioSamples += r.totalSamplesReceived || 0; p.audioPackets += r.packetsReceived || 0; }
    });
    for (const [id, p] of Object.entries(result)) {
      const video = document.querySelector(`[data-tile="${id}:camera"] video`);
      p.playing = !!video && !video.paused;
      p.element = !video ? 'none' : `paused=${video.paused} ready=${video.readyState} tracks=${video.srcObject ? video.srcObject.getTracks().map((t) => t.kind + ':' + t.readyState + (t.muted ? ':muted' : '')).join(',') : 'none'}`;
    }
    return result;
  }

  // One line on the subscription's state, printed by tests when media does not arrive.
  function describe() {
    const pc = state.subscriber;
    const subscription = pc ? `subscription ${pc.signalingState}/${pc.iceConnectionState}/${pc.connectionState}` : 'no subscription';
    return `${subscription}, streams ${Object.keys(state.streamsByMid || {}).length}, tiles ${document.querySelectorAll('[data-tile]').length}, `
      + `participants ${state.participants.length}, hub ${state.connection ? state.connection.state : 'none'}`;
  }

  window.Reception = {
    t, state, connect, startPreview, enterLobby, enterSession, startSession, wireSessionControls, stats, describe, hubError, showError, deviceKey,
    setSelfMuted, setCameraOff, setAudioOnly, switchCamera, leave, playRemoteMedia,
  };
})();
