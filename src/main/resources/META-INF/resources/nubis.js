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
