// Keeps a console page's numbers fresh without reloading it: a page whose <main> has data-poll="<url>" gets that JSON
// every few seconds ({"counters": {key: {"text", "alert"}}, "readAt"}) and each element with data-counter="<key>" is
// given its text (as text, never as HTML). The element with data-poll-state says whether the numbers are fresh.
// A static file, as the console's Content-Security-Policy runs no inline script.
(function () {
  'use strict';
  var EVERY_MS = 5000;
  var main = document.querySelector('main[data-poll]');
  if (!main || !window.fetch) {
    return;
  }
  var url = main.getAttribute('data-poll');
  var state = document.querySelector('[data-poll-state]');
  var timer = null;
  var busy = false;
  var stopped = false;

  function say(which, readAt) {
    if (!state) {
      return;
    }
    var words = state.getAttribute('data-' + which) || '';
    state.textContent = readAt ? words.replace('{0}', readAt) : words;
    state.classList.toggle('stale', which !== 'live');
  }

  function show(data) {
    var counters = data.counters || {};
    document.querySelectorAll('[data-counter]').forEach(function (element) {
      var counter = counters[element.getAttribute('data-counter')];
      if (counter) {
        element.textContent = counter.text;
        element.classList.toggle('alert', counter.alert === true);
      }
    });
    say('live', data.readAt);
  }

  function poll() {
    timer = null;
    if (document.hidden || busy || stopped) {
      return; // a hidden page is resumed by visibilitychange
    }
    busy = true;
    fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin', cache: 'no-store'})
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          stopped = true; // a reload leads to the login page
          say('signed-out');
          return null;
        }
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json().then(show);
      })
      .catch(function () {
        say('stale');
      })
      .then(function () {
        busy = false;
        if (!stopped) {
          schedule();
        }
      });
  }

  function schedule() {
    if (timer === null) {
      timer = window.setTimeout(poll, EVERY_MS);
    }
  }

  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && timer === null && !busy) {
      poll();
    }
  });
  schedule();
}());
