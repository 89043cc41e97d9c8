// Griot IVR simulator: follows a simulated call by Server-Sent Events and sends the analyst's keys.
(function () {
  'use strict';
  var page = document.getElementById('simulator');
  if (!page) { return; }
  var data = page.dataset;
  var transcript = document.getElementById('transcript');
  var status = document.getElementById('status');
  var silence = document.getElementById('silence');
  var hangup = document.getElementById('hangup');
  var keypad = document.getElementById('keypad');
  var ended = false;
  var KEYS = '0123456789*#';

  function post(url, body) {
    var headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    headers[data.csrfHeader] = data.csrfToken;
    return fetch(url, { method: 'POST', headers: headers, body: body || '', credentials: 'same-origin' });
  }

  function line(cssClass, text, code) {
    var item = document.createElement('li');
    item.className = cssClass;
    var span = document.createElement('span');
    span.textContent = text;
    item.appendChild(span);
    if (code) {
      var c = document.createElement('code');
      c.textContent = code;
      item.appendChild(document.createTextNode(' '));
      item.appendChild(c);
    }
    transcript.appendChild(item);
    item.scrollIntoView({ block: 'nearest' });
    return item;
  }

  function setStatus(text, waiting) {
    status.textContent = text;
    page.classList.toggle('waiting', !!waiting);
    silence.disabled = !waiting;
  }

  function node(id) { return document.getElementById('el-' + id); }

  function showPath(path, current) {
    document.querySelectorAll('#diagram .current').forEach(function (e) { e.classList.remove('current'); });
    (path || []).forEach(function (id, i) {
      var n = node(id);
      if (n) { n.classList.add('visited'); }
      if (i > 0) {
        var selector = '#diagram .bpmn-flow[data-source="' + CSS.escape(path[i - 1]) + '"][data-target="' + CSS.escape(id) + '"]';
        document.querySelectorAll(selector).forEach(function (f) { f.classList.add('visited'); });
      }
    });
    var n = current && node(current);
    if (n) { n.classList.add('current'); }
  }

  function press(key) {
    if (ended || KEYS.indexOf(key) < 0) { return; }
    var button = keypad.querySelector('[data-key="' + key + '"]');
    if (button) {
      button.classList.add('pressed');
      setTimeout(function () { button.classList.remove('pressed'); }, 150);
    }
    post(data.keys, 'key=' + encodeURIComponent(key));
  }

  keypad.addEventListener('click', function (e) {
    var key = e.target.getAttribute && e.target.getAttribute('data-key');
    if (key) { press(key); }
  });
  document.addEventListener('keydown', function (e) {
    var tag = (e.target.tagName || '').toLowerCase();
    if (tag === 'input' || tag === 'textarea' || tag === 'select' || e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (KEYS.indexOf(e.key) >= 0 && e.key.length === 1) {
      e.preventDefault();
      press(e.key);
    }
  });
  silence.addEventListener('click', function () { post(data.silence); });
  hangup.addEventListener('click', function () { post(data.hangup); });

  var source = new EventSource(data.events);
  function on(type, handler) {
    source.addEventListener(type, function (e) { handler(JSON.parse(e.data)); });
  }
  on('process', function () { setStatus(data.msgRunning, false); });
  on('step', function (d) { showPath(d.path, d.activityId); setStatus(data.msgRunning, false); });
  on('prompt', function (d) {
    line('prompt', d.transcript ? '« ' + d.transcript + ' »' : '♪', d.sound);
  });
  on('say', function (d) { line('say', data.msgSaid + ' ' + d.text, d.as); });
  on('waiting', function (d) {
    setStatus(d.minDigits === d.maxDigits ? data.msgWaitingExactly.replace('{0}', d.maxDigits)
      : data.msgWaiting.replace('{0}', d.minDigits).replace('{1}', d.maxDigits), true);
    keypad.focus({ preventScroll: true });
  });
  on('key', function (d) { line('caller', data.msgYou + ' ' + d.key); });
  on('digits', function (d) {
    if (d.ending === 'TIMEOUT' && !d.digits) { line('caller', data.msgYou + ' ' + data.msgSilence); }
    setStatus(data.msgRunning, false);
  });
  on('timeout', function () { line('system', data.msgTimeout); });
  on('hangup', function () { line('system', data.msgIvrHangup); });
  on('ended', function (d) {
    ended = true;
    source.close();
    showPath(d.path, null);
    var path = d.path || [];
    var last = path.length ? node(path[path.length - 1]) : null;
    if (last) { last.classList.add('final'); }
    setStatus(data.msgEnded, false);
    hangup.disabled = true;
    keypad.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    var outcome = document.getElementById('outcome');
    var kind = d.outcome || 'failed';
    var key = 'outcome' + kind.split('-').map(function (w) { return w.charAt(0).toUpperCase() + w.slice(1); }).join('');
    document.getElementById('outcome-kind').textContent = (data[key] || kind) + (d.error ? ' (' + d.error + ')' : '');
    document.getElementById('outcome-queue').textContent = d.routingQueue || '—';
    document.getElementById('outcome-priority').textContent = d.routingPriority || '—';
    document.getElementById('outcome-rules').textContent = d.routingExplanation || '—';
    outcome.className = 'outcome ' + kind;
    outcome.hidden = false;
  });
  source.onerror = function () {
    if (!ended && source.readyState === EventSource.CLOSED) { setStatus(data.msgLost, false); }
  };
}());
