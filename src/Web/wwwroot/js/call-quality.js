// How good the uplink is, from RTCPeerConnection.getStats() of the camera's sending PeerConnection. A pure function
// of the samples, so the thresholds can be checked with made-up figures; call.js samples every few seconds.
'use strict';

(function () {
  // A poor sample: the encoder is held back by bandwidth, or the far end reports this much loss or round trip.
  // Fair: noticeable loss or delay, or the encoder is held back by the CPU. Several poor samples in a row (not one
  // spike) make the page suggest audio-only.
  const thresholds = Object.freeze({
    poorLoss: 0.08, poorRttSeconds: 0.6, fairLoss: 0.03, fairRttSeconds: 0.3, poorSamplesToSuggest: 3,
  });

  // One sample from a stats report: the video outbound-rtp's qualityLimitationReason, and the remote-inbound-rtp's
  // fractionLost and roundTripTime (the worst of audio and video).
  function sample(report) {
    let limitation = 'none';
    let loss = null;
    let rtt = null;
    report.forEach((r) => {
      if (r.type === 'outbound-rtp' && r.kind === 'video' && r.qualityLimitationReason) limitation = r.qualityLimitationReason;
      if (r.type === 'remote-inbound-rtp') {
        if (typeof r.fractionLost === 'number') loss = Math.max(loss ?? 0, r.fractionLost);
        if (typeof r.roundTripTime === 'number') rtt = Math.max(rtt ?? 0, r.roundTripTime);
      }
    });
    return { limitation, loss, rtt };
  }

  function level(s) {
    if (s.limitation === 'bandwidth' || (s.loss ?? 0) >= thresholds.poorLoss || (s.rtt ?? 0) >= thresholds.poorRttSeconds) return 'poor';
    if (s.limitation === 'cpu' || (s.loss ?? 0) >= thresholds.fairLoss || (s.rtt ?? 0) >= thresholds.fairRttSeconds) return 'fair';
    return 'good';
  }

  // samples: oldest first. The level of the latest, and whether the last few were all poor.
  function assess(samples) {
    if (!samples.length) return { level: 'connecting', suggestAudioOnly: false };
    const recent = samples.slice(-thresholds.poorSamplesToSuggest);
    return {
      level: level(samples[samples.length - 1]),
      suggestAudioOnly: recent.length === thresholds.poorSamplesToSuggest && recent.every((s) => level(s) === 'poor'),
    };
  }

  window.CallQuality = { thresholds, sample, level, assess };
})();
