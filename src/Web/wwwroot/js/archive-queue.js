// The recordings page's archive queue, kept current without a reload: the workers write each job's stage and progress
// to its row, and this asks for the rows the page shows every 2.5 s until each has succeeded or failed, then stops.
// The sentence above the table is the live region; it changes only when a job starts, finishes or fails, so a screen
// reader is not read every percent.
(() => {
  'use strict';
  const table = document.querySelector('[data-testid=archive-jobs]');
  const status = document.querySelector('[data-testid=archive-jobs-status]');
  if (!table || !status) { return; }
  const every = 2500;
  const finished = state => state === 'Succeeded' || state === 'Failed' || state === 'Gone';
  const rows = () => [...table.querySelectorAll('tbody tr[data-job]')];
  const pending = () => rows().filter(row => !finished(row.dataset.state));

  const apply = data => {
    const byId = new Map(data.jobs.map(job => [job.id, job]));
    for (const row of pending()) {
      const job = byId.get(row.dataset.job);
      if (!job) {
        // Gone from the queue (removed by hand): nothing more will come for it.
        row.dataset.state = 'Gone';
        continue;
      }
      row.dataset.state = job.state;
      row.querySelector('[data-cell=state]').textContent = job.text;
      row.querySelector('progress').value = job.percent;
      row.querySelector('[data-cell=percent]').textContent = job.percentText;
      row.querySelector('[data-cell=attempts]').textContent = String(job.attempts);
      row.querySelector('[data-testid=job-error]').textContent = job.error ?? '';
      row.querySelector('[data-cell=retry]').hidden = job.state !== 'Failed';
      const open = row.querySelector('[data-cell=open]');
      if (job.archive) { open.href = job.archive; open.hidden = false; }
    }
    if (status.textContent !== data.summary) { status.textContent = data.summary; }
  };

  const poll = async () => {
    const waiting = pending();
    if (waiting.length === 0) { return; }
    const query = waiting.map(row => 'ids=' + encodeURIComponent(row.dataset.job)).join('&');
    try {
      const response = await fetch(table.dataset.statusUrl + '&' + query, { headers: { Accept: 'application/json' }, cache: 'no-store', redirect: 'manual' });
      // Signed out (sent to the sign-in page) or no longer allowed: stop rather than ask for it every few seconds.
      if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) { return; }
      if (response.ok) { apply(await response.json()); }
    } catch {
      // The network or the server is down for a moment: the next tick asks again.
    }
    if (pending().length > 0) { setTimeout(poll, every); }
  };

  setTimeout(poll, every);
})();
