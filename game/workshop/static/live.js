// Live updates for the workshop's pages: no build step, nothing fetched from the internet.
// A websocket brings the seat's state; a heartbeat shows "sin conexión" when it stops; the
// socket reconnects when the page becomes visible again; while it is down, a poll of the
// seat's state (or a reload) keeps the page current. The server decides which page a seat
// sees: when the page's key changes, the page reloads.
(function () {
  "use strict";
  var body = document.body;
  var wsPath = body.dataset.ws;
  if (!wsPath) { return; }
  var consoleMode = body.dataset.mode === "console";
  var key = body.dataset.key;
  var statePath = body.dataset.state;
  var offline = document.getElementById("offline");
  var socket = null;
  var lastHeard = Date.now();
  var backoff = 1000;
  var replaced = false;
  var HEARTBEAT = 3000;
  var SILENT = 7000;
  var timeLeft = body.dataset.timeLeft ? parseInt(body.dataset.timeLeft, 10) : null;

  function showOffline(down) { if (offline) { offline.hidden = !down; } }

  function apply(state) {
    if (consoleMode) { return; }
    if (state.type === "gone") { location.reload(); return; }
    if (state.type !== "state") { return; }
    if (state.key !== key) { location.reload(); return; }
    var count = document.getElementById("count");
    if (count) { count.textContent = state.count; }
    timeLeft = state.time_left;
    drawClock();
  }

  function drawClock() {
    var clock = document.getElementById("clock");
    var seconds = document.getElementById("seconds");
    if (!clock || !seconds) { return; }
    clock.hidden = timeLeft === null || timeLeft === undefined;
    if (!clock.hidden) { seconds.textContent = String(Math.max(0, timeLeft)); }
  }

  var reloadSoon = null;
  function consoleChanged() {
    if (reloadSoon === null) { reloadSoon = setTimeout(function () { location.reload(); }, 300); }
  }

  function connect() {
    if (replaced) { return; }
    if (socket && (socket.readyState === 0 || socket.readyState === 1)) { return; }
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    lastHeard = Date.now();
    try { socket = new WebSocket(scheme + location.host + wsPath); } catch (e) { retry(); return; }
    socket.onopen = function () { backoff = 1000; lastHeard = Date.now(); showOffline(false); };
    socket.onmessage = function (event) {
      lastHeard = Date.now();
      showOffline(false);
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type === "replaced") { replaced = true; return; }
      if (consoleMode && (message.type === "changed" || message.type === "hello")) {
        // the page was drawn at one version of the room: any other, even one that came while
        // this socket was reconnecting, and it is drawn again
        if (String(message.version) !== body.dataset.version) { consoleChanged(); }
        return;
      }
      apply(message);
    };
    socket.onclose = function (event) {
      socket = null;
      if (event.code === 4000) { replaced = true; }
      if (event.code === 4404 || event.code === 4403) { location.reload(); return; }
      showOffline(true);
      retry();
    };
  }

  // A socket that hears nothing (a dropped Wi-Fi sends no FIN) may never finish closing, and
  // one still connecting may never open: forget it and connect anew, never wait for its close.
  function abandon() {
    var dead = socket;
    socket = null;
    if (dead) {
      dead.onopen = dead.onmessage = dead.onclose = null;
      try { dead.close(); } catch (e) { /* already closed */ }
    }
    showOffline(true);
    retry();
  }

  var retryTimer = null;
  function retry() {
    if (retryTimer !== null || replaced) { return; }
    retryTimer = setTimeout(function () {
      retryTimer = null;
      connect();
      backoff = Math.min(backoff * 2, 10000);
    }, backoff);
  }

  function poll() {
    if (socket && socket.readyState === 1) { return; }
    if (!statePath) { if (consoleMode) { location.reload(); } return; }
    fetch(statePath, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : { type: "gone" }; })
      .then(function (state) { showOffline(!(socket && socket.readyState === 1)); apply(state); })
      .catch(function () { showOffline(true); });
  }

  setInterval(function () {
    if (socket && socket.readyState === 1) {
      try { socket.send('{"type":"ping"}'); } catch (e) { /* closes; onclose retries */ }
    }
    if (socket && Date.now() - lastHeard > SILENT) { abandon(); }
  }, HEARTBEAT);
  setInterval(poll, 5000);
  setInterval(function () {
    if (timeLeft !== null && timeLeft !== undefined && timeLeft > 0 && !body.querySelector(".notice.paused")) {
      timeLeft -= 1;
      drawClock();
    }
  }, 1000);

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      replaced = false;
      lastHeard = Date.now();
      connect();
      poll();
    }
  });
  connect();
})();
