// The agent desk listens to the ACD's pushes (Server-Sent Events) and re-reads its panel when told:
// no polling. Forms stay plain posts, so the desk also works without this script.
(function () {
  'use strict';
  var panel = document.getElementById('desk-panel');
  if (!panel || !window.EventSource) {
    return;
  }
  var base = panel.getAttribute('data-base') || '/';
  function refresh() {
    var focused = document.activeElement && document.activeElement.id;
    var typing = document.activeElement && (document.activeElement.tagName === 'TEXTAREA'
        || document.activeElement.tagName === 'INPUT');
    if (typing && document.getElementById('wrap-up-form')) {
      return; // never wipe notes being typed; the next push or a submit refreshes
    }
    fetch(base + 'desk/panel', {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        var holder = document.createElement('div');
        holder.innerHTML = html;
        var fresh = holder.querySelector('#desk-panel');
        if (fresh) {
          // The outcome of the last button (saved, refused) stays until the next action.
          ['saved', 'problem'].forEach(function (id) {
            var shown = document.getElementById(id);
            if (shown && !fresh.querySelector('#' + id)) { fresh.insertBefore(shown, fresh.firstChild); }
          });
          panel.replaceWith(fresh);
          panel = fresh;
          var again = focused && document.getElementById(focused);
          if (again) { again.focus(); }
          if (document.getElementById('screen-pop') && document.getElementById('task-call')) {
            document.title = document.getElementById('task-call').textContent.trim();
          }
        }
      });
  }
  var events = new EventSource(base + 'desk/events');
  events.addEventListener('agent', refresh);
  events.addEventListener('offer', refresh);
  // Connected (or reconnected): what changed while no stream was open (e.g. during the page load that
  // followed a button) is read once, then pushes keep the panel current.
  events.addEventListener('hello', function (event) {
    if (event.data !== panel.getAttribute('data-stamp')) {
      refresh();
    }
    document.body.setAttribute('data-desk-live', 'true');
  });
})();
