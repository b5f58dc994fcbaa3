/*
 * QuattroPole chat transport: the only code that knows Rasa's socket.io channel
 * (credentials.yml: session_request / session_confirm, user_uttered / bot_uttered).
 *
 * The server issues each conversation a signed session token (bot/channels/socket_io.py):
 * the widget sends `session_request {session_token}` (empty for a new conversation), keeps the
 * token it gets back in `session_confirm` in localStorage, and never sends a conversation id of
 * its own, so no page can join or write into another person's conversation. Nothing is put on
 * `window` but the factory.
 *
 *   var transport = QPChatTransport.create({ server, onMessage, onOffline });
 *   transport.send(text, metadata)  // Promise<boolean>: false when not connected in time
 *   transport.restart()             // a new conversation: a new token, a new session
 */
(function () {
  "use strict";

  var KEY = "qp-chat-session";
  var CONNECT_WAIT = 5000; // how long a message waits for the connection before failing

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function storageSet(key, value) {
    try {
      if (value) window.localStorage.setItem(key, value);
      else window.localStorage.removeItem(key);
    } catch (e) { /* private mode: forget */ }
  }

  function create(options) {
    var token = storageGet(KEY);
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

    socket.on("connect", function () { socket.emit("session_request", { session_token: token }); });
    socket.on("session_confirm", function (session) {
      if (session && typeof session.session_token === "string") {
        token = session.session_token;
        storageSet(KEY, token);
      }
      setReady(true);
    });
    socket.on("disconnect", function () { setReady(false); options.onOffline(); });
    socket.on("connect_error", function () { setReady(false); });
    socket.on("bot_uttered", function (message) { options.onMessage(message); });

    return {
      send: function (text, metadata) {
        return whenReady(CONNECT_WAIT).then(function (ok) {
          if (ok) socket.emit("user_uttered", { message: text, metadata: metadata });
          return ok;
        });
      },
      restart: function () {
        token = null; // the server issues a new conversation and its token
        storageSet(KEY, null);
        setReady(false);
        socket.disconnect();
        socket.connect();
      },
    };
  }

  window.QPChatTransport = { create: create };
})();
