/*
 * QuattroPole chat transport: the only code that knows Rasa's socket.io channel
 * (credentials.yml: session_request / session_confirm, user_uttered / bot_uttered,
 * session_persistence). The conversation id lives here and in localStorage, never on window.
 *
 *   var transport = QPChatTransport.create({ server, onMessage, onOffline });
 *   transport.send(text, metadata)  // Promise<boolean>: false when not connected in time
 *   transport.restart()             // a new conversation: a new id, a new session
 */
(function () {
  "use strict";

  var KEY = "qp-chat-sender";
  var CONNECT_WAIT = 5000; // how long a message waits for the connection before failing

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function storageSet(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: forget */ }
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function create(options) {
    var sender = storageGet(KEY);
    if (!sender) { sender = newId(); storageSet(KEY, sender); }
    var ready = false; // connected and the session confirmed
    var waiters = [];
    var socket = window.io(options.server, { transports: ["websocket", "polling"], tryAllTransports: true });

    function setReady(value) {
      ready = value;
      if (value) waiters.splice(0).forEach(function (w) { w(true); });
    }

    function whenReady(ms) {
      if (ready) return Promise.resolve(true);
      if (!socket.connected) socket.connect(); // don't wait for the reconnect backoff
      return new Promise(function (resolve) {
        var done = function (ok) { clearTimeout(timer); resolve(ok); };
        var timer = setTimeout(function () {
          waiters.splice(waiters.indexOf(done), 1);
          resolve(false);
        }, ms);
        waiters.push(done);
      });
    }

    socket.on("connect", function () { socket.emit("session_request", { session_id: sender }); });
    socket.on("session_confirm", function () { setReady(true); });
    socket.on("disconnect", function () { setReady(false); options.onOffline(); });
    socket.on("connect_error", function () { setReady(false); });
    socket.on("bot_uttered", function (message) { options.onMessage(message); });

    return {
      send: function (text, metadata) {
        return whenReady(CONNECT_WAIT).then(function (ok) {
          if (ok) socket.emit("user_uttered", { message: text, session_id: sender, metadata: metadata });
          return ok;
        });
      },
      restart: function () {
        sender = newId();
        storageSet(KEY, sender);
        setReady(false);
        // A new socket session joins only the new conversation's room.
        socket.disconnect();
        socket.connect();
      },
    };
  }

  window.QPChatTransport = { create: create };
})();
