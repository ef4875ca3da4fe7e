// Nubis portal: every htmx request carries the CSRF token of the page in the X-CSRF-TOKEN header, so that
// state-changing htmx requests are verified like forms (io.nubis.platform.web.PortalCsrfGuard, docs/security.md).
document.addEventListener('htmx:configRequest', function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta && meta.content) {
    event.detail.headers['X-CSRF-TOKEN'] = meta.content;
  }
});

// A form with data-confirm="question" asks before it is sent (destructive actions: revert, delete).
document.addEventListener('submit', function (event) {
  var question = event.target.getAttribute && event.target.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// Times in the browser's time zone (issue 13): the server writes <time datetime="ISO" data-local>UTC text</time>;
// here each becomes the local date and time (the UTC text stays as the tooltip), also in parts htmx swaps in.
function nubisLocalTimes(root) {
  (root || document).querySelectorAll('time[data-local]').forEach(function (t) {
    var d = new Date(t.getAttribute('datetime'));
    if (isNaN(d.getTime())) {
      return;
    }
    t.title = t.textContent;
    t.textContent = d.toLocaleString(document.documentElement.lang || undefined, {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'
    });
    t.removeAttribute('data-local');
  });
}
document.addEventListener('DOMContentLoaded', function () { nubisLocalTimes(document); });
document.addEventListener('htmx:afterSwap', function (event) { nubisLocalTimes(event.target); });
