// The admin dashboard's capacity chart (issue 13): uPlot draws one scope's metric over a range from
// /admin/capacity-history (server JSON: points [at epoch s, used, total]); times in the browser's time zone.
(function () {
  const card = document.getElementById('capacity-history');
  const chart = document.getElementById('capacity-chart');
  if (!card || !chart || typeof uPlot === 'undefined') {
    return;
  }
  let plot = null;

  function scale(metric, v) {
    return metric === 'storage' ? v / 1073741824 : v;
  }

  function draw(h) {
    const metric = h.metric;
    const xs = h.points.map(p => p.at);
    const used = h.points.map(p => scale(metric, p.used));
    const total = h.points.map(p => scale(metric, p.total));
    chart.dataset.points = String(h.points.length);
    if (plot) {
      plot.destroy();
      plot = null;
    }
    chart.textContent = '';
    if (h.points.length === 0) {
      chart.textContent = card.dataset.empty;
      return;
    }
    plot = new uPlot({
      width: Math.max(300, chart.clientWidth),
      height: 260,
      series: [
        {},
        { label: card.dataset.labelUsed, stroke: '#0d6efd', fill: 'rgba(13,110,253,0.12)', width: 2 },
        { label: card.dataset.labelTotal, stroke: '#6c757d', dash: [6, 4], width: 1.5 },
      ],
      scales: { y: { range: (u, min, max) => [0, Math.max(1, max) * 1.05] } },
      axes: [{}, { size: 60 }],
    }, [xs, used, total], chart);
  }

  function load() {
    const q = new URLSearchParams({ scope: card.dataset.scope, id: card.dataset.id, metric: card.dataset.metric,
      range: card.dataset.range });
    fetch('/admin/capacity-history?' + q, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(r => r.ok ? r.json() : Promise.reject(r.status))
      .then(draw)
      .catch(() => { chart.textContent = card.dataset.empty; chart.dataset.points = '0'; });
  }

  function activate(group, attr, value) {
    group.querySelectorAll('button').forEach(b => b.classList.toggle('active', b.dataset[attr] === value));
  }

  document.getElementById('capacity-metrics').addEventListener('click', e => {
    const b = e.target.closest('button[data-metric]');
    if (b) { card.dataset.metric = b.dataset.metric; activate(e.currentTarget, 'metric', b.dataset.metric); load(); }
  });
  document.getElementById('capacity-ranges').addEventListener('click', e => {
    const b = e.target.closest('button[data-range]');
    if (b) { card.dataset.range = b.dataset.range; activate(e.currentTarget, 'range', b.dataset.range); load(); }
  });
  document.getElementById('capacity-table').addEventListener('click', e => {
    const b = e.target.closest('button.capacity-show');
    if (!b) { return; }
    card.dataset.scope = b.dataset.scope;
    card.dataset.id = b.dataset.id;
    card.dataset.metric = b.dataset.metric;
    document.getElementById('capacity-history-scope').textContent = b.closest('tr').cells[0].innerText.replace('\n', ' · ');
    activate(document.getElementById('capacity-metrics'), 'metric', b.dataset.metric);
    load();
    card.scrollIntoView({ behavior: 'smooth' });
  });
  window.addEventListener('resize', () => { if (plot) { plot.setSize({ width: chart.clientWidth, height: 260 }); } });
  load();
})();
