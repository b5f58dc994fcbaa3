/*
 * QuattroPole chat widget: a launcher button and a chat panel that talk to Rasa's socket.io
 * channel (credentials.yml: socketio, user_uttered / bot_uttered, session_persistence).
 *
 * Embed on any page (after vendor/socket.io.min.js and labels.js):
 *   <script src=".../chat.js" data-server="https://bot.example.org" defer></script>
 * Without data-server the widget reads {rasaPort} from config.json next to this file
 * (scripts/run.py serves it). Optional: data-timeout (ms, default 15000).
 *
 * Safety: nothing from the user or the bot is ever parsed as HTML. Text goes into text nodes;
 * links are <a> elements built here, for http(s) and mailto addresses only.
 */
(function () {
  "use strict";

  var LANGS = ["de", "fr", "en"];
  var LABELS = window.QPChatLabels;
  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var TIMEOUT = parseInt(data.timeout, 10) || 15000; // no answer within this -> error + retry
  var CONNECT_WAIT = 5000; // how long a message waits for the connection before failing
  var HISTORY_MAX = 100;
  var KEY = {
    session: "qp-chat-session", // the server-signed session token (session_confirm)
    lang: "qp-chat-language",
    history: "qp-chat-history",
    open: "qp-chat-open",
  };

  // -- storage (private browsing may forbid it: the chat still works, it just forgets) -----
  var storage = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); } catch (e) { /* ignore */ }
    },
  };

  function pageLanguage() {
    var lang = (document.documentElement.lang || navigator.language || "").slice(0, 2).toLowerCase();
    if (LANGS.indexOf(lang) >= 0) return lang;
    return lang === "lb" ? "de" : "en";
  }

  var sessionToken = storage.get(KEY.session);
  var lang = storage.get(KEY.lang);
  if (LANGS.indexOf(lang) < 0) lang = pageLanguage();
  function t(key) { return (LABELS[lang] || LABELS.en)[key]; }

  // -- DOM helpers ----------------------------------------------------------------------
  var uid = 0;
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "class") node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // Light formatting, built as nodes: **bold**, links (new tab), line breaks (CSS pre-wrap).
  var LINK = /(https?:\/\/[^\s<>"']+|www\.[^\s<>"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/g;
  var TRAILING = /[.,;:!?)\]»"'’]+$/;

  function safeHref(raw) {
    var href = /^www\./.test(raw) ? "https://" + raw : raw.indexOf("@") > 0 && !/^https?:/.test(raw) ? "mailto:" + raw : raw;
    try {
      var url = new URL(href);
      return ["http:", "https:", "mailto:"].indexOf(url.protocol) >= 0 ? url.href : null;
    } catch (e) { return null; }
  }

  function appendLinks(parent, text) {
    var last = 0;
    text.replace(LINK, function (match, _g, offset) {
      var trail = (match.match(TRAILING) || [""])[0];
      var raw = match.slice(0, match.length - trail.length);
      var href = safeHref(raw);
      if (!href) return match;
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var a = el("a", { href: href, text: raw });
      if (href.indexOf("mailto:") !== 0) {
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.appendChild(el("span", { class: "qp-sr-only", "data-label": "newTab", "data-prefix": " ", text: " " + t("newTab") }));
      }
      parent.appendChild(a);
      last = offset + raw.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function appendFormatted(parent, text) {
    String(text).split(/\*\*(?=\S)([^*]+?)\*\*/).forEach(function (part, i) {
      if (i % 2) { var strong = el("strong"); appendLinks(strong, part); parent.appendChild(strong); }
      else appendLinks(parent, part);
    });
  }

  // -- the widget -----------------------------------------------------------------------
  function chatIcon() { // a speech bubble, drawn (no icon font, no image request)
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("class", "qp-launcher-icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  var root = el("div", { class: "qp-chat" });
  var launcher = el("button", { type: "button", class: "qp-launcher", "aria-expanded": "false", "aria-controls": "qp-panel" }, [
    chatIcon(),
    el("span", { class: "qp-launcher-text" }),
  ]);
  var title = el("h2", { id: "qp-title", class: "qp-title" });
  var subtitle = el("p", { class: "qp-subtitle" });
  var langGroup = el("div", { class: "qp-langs", role: "group" });
  var langButtons = {};
  LANGS.forEach(function (code) {
    var button = el("button", { type: "button", class: "qp-lang", lang: code, "data-lang": code, text: code.toUpperCase() });
    button.addEventListener("click", function () { switchLanguage(code); });
    langButtons[code] = button;
    langGroup.appendChild(button);
  });
  var closeButton = el("button", { type: "button", class: "qp-close" }, [el("span", { "aria-hidden": "true", text: "×" })]);
  var log = el("ol", { class: "qp-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
  var intro = el("p", { class: "qp-intro" });
  var status = el("p", { class: "qp-status", role: "status", "aria-live": "polite" });
  var input = el("input", { id: "qp-input", class: "qp-input", type: "text", maxlength: "1000", autocomplete: "off", enterkeyhint: "send" });
  var inputLabel = el("label", { for: "qp-input", class: "qp-sr-only" });
  var sendButton = el("button", { type: "submit", class: "qp-send" });
  var form = el("form", { class: "qp-form" }, [inputLabel, input, sendButton]);
  var panel = el("section", { id: "qp-panel", class: "qp-panel", "aria-labelledby": "qp-title", hidden: "" }, [
    el("header", { class: "qp-header" }, [
      el("div", { class: "qp-heading" }, [title, subtitle]),
      langGroup,
      closeButton,
    ]),
    el("div", { class: "qp-body" }, [intro, log]),
    status,
    form,
  ]);
  root.appendChild(panel);
  root.appendChild(launcher);

  function applyLabels() {
    root.lang = lang;
    launcher.setAttribute("aria-label", t("launcher"));
    launcher.querySelector(".qp-launcher-text").textContent = t("launcherShort");
    title.textContent = t("title");
    subtitle.textContent = t("subtitle");
    intro.textContent = t("intro");
    langGroup.setAttribute("aria-label", t("language"));
    LANGS.forEach(function (code) {
      langButtons[code].setAttribute("aria-pressed", String(code === lang));
      langButtons[code].setAttribute("aria-label", t("languageNames")[code]);
    });
    closeButton.setAttribute("aria-label", t("close"));
    inputLabel.textContent = t("input");
    input.placeholder = t("placeholder");
    sendButton.textContent = t("send");
    Array.prototype.forEach.call(root.querySelectorAll("[data-label]"), function (node) {
      node.textContent = (node.getAttribute("data-prefix") || "") + t(node.getAttribute("data-label")) + (node.getAttribute("data-suffix") || "");
    });
    if (pending) status.textContent = t("typing");
  }

  function setOpen(open, focus) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    root.classList.toggle("qp-open", open);
    storage.set(KEY.open, open ? "1" : "");
    if (open) { scrollToEnd(); if (focus) input.focus(); }
    else if (focus) launcher.focus();
  }

  launcher.addEventListener("click", function () { setOpen(panel.hidden, true); });
  closeButton.addEventListener("click", function () { setOpen(false, true); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); setOpen(false, true); }
  });

  function scrollToEnd() { log.scrollTop = log.scrollHeight; }

  // -- messages -------------------------------------------------------------------------
  var history = [];
  try { history = JSON.parse(storage.get(KEY.history) || "[]"); } catch (e) { history = []; }
  if (!Array.isArray(history)) history = [];

  function remember(entry) {
    history.push(entry);
    if (history.length > HISTORY_MAX) history = history.slice(-HISTORY_MAX);
    storage.set(KEY.history, JSON.stringify(history));
  }

  function render(entry) {
    var bot = entry.who === "bot";
    var item = el("li", { class: "qp-msg " + (bot ? "qp-bot" : "qp-user") });
    item.appendChild(el("span", { class: "qp-sr-only", "data-label": bot ? "bot" : "you", "data-suffix": ": ", text: t(bot ? "bot" : "you") + ": " }));
    var bubble = el("div", { class: "qp-bubble" });
    if (bot) appendFormatted(bubble, entry.text || "");
    else bubble.textContent = entry.text;
    item.appendChild(bubble);
    if (entry.buttons && entry.buttons.length) {
      var row = el("div", { class: "qp-quick", role: "group" });
      entry.buttons.forEach(function (b) {
        if (!b || typeof b.title !== "string") return;
        var button = el("button", { type: "button", class: "qp-quick-btn", text: b.title });
        button.addEventListener("click", function () {
          var choice = /^\/switch_language\{"language":"(de|fr|en)"\}$/.exec(b.payload || "");
          if (choice) switchLanguage(choice[1], b.title); // same as the switcher
          else send(b.title, b.payload || b.title);
        });
        row.appendChild(button);
      });
      item.appendChild(row);
    }
    log.appendChild(item);
    intro.hidden = true;
    // A long answer is read from its start; the user's own line just scrolls to the end.
    if (bot && bubble.scrollHeight > log.clientHeight * 0.6) log.scrollTop = item.offsetTop - log.offsetTop;
    else scrollToEnd();
    return item;
  }

  function add(entry) { render(entry); remember(entry); }

  history.forEach(render);

  // -- transport: socket.io to Rasa ------------------------------------------------------
  var socket = null;
  var ready = false; // connected and the session confirmed
  var waiters = [];
  var pending = null; // {message, metadata, timer}: a message waiting for its first answer

  function setReady(value) {
    ready = value;
    if (value) { waiters.splice(0).forEach(function (w) { w(true); }); }
  }

  function whenReady(ms) {
    if (ready) return Promise.resolve(true);
    if (socket && !socket.connected) socket.connect(); // don't wait for the reconnect backoff
    return new Promise(function (resolve) {
      var done = function (ok) { clearTimeout(timer); resolve(ok); };
      var timer = setTimeout(function () {
        waiters.splice(waiters.indexOf(done), 1);
        resolve(false);
      }, ms);
      waiters.push(done);
    });
  }

  function connect(server) {
    socket = window.io(server, { transports: ["websocket", "polling"], tryAllTransports: true });
    socket.on("connect", function () { socket.emit("session_request", { session_token: sessionToken }); });
    socket.on("session_confirm", function (session) {
      if (session && typeof session.session_token === "string") {
        sessionToken = session.session_token;
        storage.set(KEY.session, sessionToken);
      }
      setReady(true);
    });
    socket.on("disconnect", function () {
      setReady(false);
      if (pending) fail("errorOffline");
    });
    socket.on("connect_error", function () { setReady(false); });
    socket.on("bot_uttered", onBotMessage);
  }

  function onBotMessage(message) {
    if (!message || typeof message !== "object") return;
    if (pending) { clearTimeout(pending.timer); pending = null; status.textContent = ""; root.classList.remove("qp-busy"); }
    var text = typeof message.text === "string" ? message.text : "";
    var attachment = message.attachment && message.attachment.payload;
    if (!text && attachment && typeof attachment.src === "string") text = attachment.src;
    var buttons = message.quick_replies || message.buttons || [];
    if (!text && !buttons.length) return;
    add({ who: "bot", text: text, buttons: buttons.map(function (b) { return { title: String(b.title), payload: String(b.payload) }; }) });
  }

  function fail(labelKey) {
    var failed = pending;
    if (failed) clearTimeout(failed.timer);
    pending = null;
    status.textContent = "";
    root.classList.remove("qp-busy");
    if (!failed) return;
    var retry = el("button", { type: "button", class: "qp-retry", "data-label": "retry" });
    var message = el("p", { "data-label": labelKey });
    var item = el("li", { class: "qp-msg qp-error", role: "alert" }, [message, retry]);
    message.textContent = t(labelKey);
    retry.textContent = t("retry");
    retry.addEventListener("click", function () {
      item.remove();
      input.focus();
      deliver(failed.message, failed.metadata);
    });
    log.appendChild(item);
    scrollToEnd();
  }

  function deliver(message, metadata) {
    if (pending) clearTimeout(pending.timer);
    pending = { message: message, metadata: metadata, timer: null };
    var mine = pending;
    status.textContent = t("typing");
    root.classList.add("qp-busy");
    return whenReady(CONNECT_WAIT).then(function (ok) {
      if (pending !== mine) return;
      if (!ok) return fail("errorOffline");
      mine.timer = setTimeout(function () { if (pending === mine) fail("errorTimeout"); }, TIMEOUT);
      socket.emit("user_uttered", { message: message, metadata: metadata });
    });
  }

  function send(text, payload, metadata) {
    add({ who: "user", text: text });
    return deliver(payload || text, metadata || { language: lang });
  }

  function switchLanguage(code, title) {
    lang = code;
    storage.set(KEY.lang, code);
    applyLabels();
    send(title || t("languageNames")[code], '/switch_language{"language":"' + code + '"}', { language: code, language_choice: code });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });

  // -- start ----------------------------------------------------------------------------
  function serverUrl() {
    if (data.server) return Promise.resolve(data.server);
    var base = script && script.src ? script.src : location.href;
    return fetch(new URL("config.json", base).href, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .catch(function () { return { rasaPort: 5005 }; })
      .then(function (config) { return location.protocol + "//" + location.hostname + ":" + (config.rasaPort || 5005); });
  }

  applyLabels();
  document.body.appendChild(root);
  if (storage.get(KEY.open) === "1") setOpen(true, false);
  serverUrl().then(connect);

  // The embedding page can open the panel from its own buttons: <button data-qp-chat-open>.
  document.addEventListener("click", function (event) {
    var opener = event.target.closest && event.target.closest("[data-qp-chat-open]");
    if (opener) { event.preventDefault(); setOpen(true, true); }
  });
  window.QPChat = { open: function () { setOpen(true, true); } };
})();
