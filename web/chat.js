/*
 * QuattroPole chat widget: a launcher button and a chat panel. qp-chat.js loads it (with its
 * CSS, the socket.io client, labels.js and transport.js); see docs/channels.md.
 *
 * Safety: nothing from the user or the bot is ever parsed as HTML. Text goes into text nodes;
 * links are <a> elements built here, for http(s) and mailto addresses only.
 *
 * Bot messages: text (a source line "Quelle: ..." / "Source : ..." / "Source: ..." at the end
 * of a factual answer), quick replies, and custom JSON {"qp": {"facts": [...], "sources":
 * [{label, url, date}]}} that may come as its own message right after the text it belongs to.
 */
(function () {
  "use strict";

  var LANGS = ["de", "fr", "en"];
  var LABELS = window.QPChatLabels;
  var boot = window.QPChatConfig || {
    base: new URL(".", (document.currentScript && document.currentScript.src) || location.href).href,
    data: (document.currentScript && document.currentScript.dataset) || {},
  };
  var data = boot.data || {};
  var TIMEOUT = parseInt(data.timeout, 10) || 15000; // no answer within this -> error + retry
  var HISTORY_MAX = 100;
  var KEY = { lang: "qp-chat-language", history: "qp-chat-history", open: "qp-chat-open" };

  // -- storage (private browsing may forbid it: the chat still works, it just forgets) -----
  var storage = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); } catch (e) { /* ignore */ }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { /* ignore */ }
    },
  };

  function pageLanguage() {
    var lang = (document.documentElement.lang || navigator.language || "").slice(0, 2).toLowerCase();
    if (LANGS.indexOf(lang) >= 0) return lang;
    return lang === "lb" ? "de" : "en";
  }

  var lang = storage.get(KEY.lang);
  if (LANGS.indexOf(lang) < 0) lang = LANGS.indexOf(data.lang) >= 0 ? data.lang : pageLanguage();
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
  function srOnly(text) { return el("span", { class: "qp-sr-only", text: text }); }
  function hidden(text) { return el("span", { "aria-hidden": "true", text: text }); }

  function icon(path, className) { // drawn, no icon font and no image request
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("class", className);
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var shape = document.createElementNS(ns, "path");
    shape.setAttribute("d", path);
    shape.setAttribute("fill", "currentColor");
    svg.appendChild(shape);
    return svg;
  }
  var ICON = {
    chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
    thumb: "M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z",
    restart: "M12 5V2L7 6l5 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z",
  };

  function newTabHint() { return srOnly(" " + t("newTab")); }

  function externalLink(href, text) {
    var a = el("a", { href: href, text: text });
    if (href.indexOf("mailto:") !== 0) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(newTabHint());
    }
    return a;
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
      parent.appendChild(externalLink(href, raw));
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

  // -- sources ----------------------------------------------------------------------------
  // "Quelle: Stadt Trier – trier.de (Juni 2025) – https://..." or, older, "Quelle: https://...".
  var SOURCE_LINE = /^(?:Quellen?|Sources?)\s?:\s*(.+)$/;
  var URL_IN = /https?:\/\/[^\s<>"']+/g;

  function splitSourceLines(text) {
    var body = [];
    var raw = [];
    String(text).split("\n").forEach(function (line) {
      var match = SOURCE_LINE.exec(line.trim());
      if (match && URL_IN.test(match[1])) raw.push(match[1]);
      else body.push(line);
      URL_IN.lastIndex = 0;
    });
    return { body: body.join("\n").replace(/\s+$/, ""), raw: raw };
  }

  function hostOf(href) { return new URL(href).hostname.replace(/^www\./, ""); }

  function sourcesFromLine(line) { // a raw source line -> [{label, url, date}]
    var urls = line.match(URL_IN) || [];
    var rest = line.replace(URL_IN, " ").replace(/[\s–—,;|-]+$/, "").replace(/^[\s–—,;|-]+/, "").trim();
    var date = "";
    var dated = /^(.*?)\s*\(([^()]+)\)$/.exec(rest);
    if (dated) { rest = dated[1].replace(/[\s–—,;|-]+$/, ""); date = dated[2]; }
    return urls.map(function (raw) {
      var url = safeHref(raw.replace(TRAILING, ""));
      return url && { url: url, label: urls.length === 1 && rest ? rest : hostOf(url), date: date };
    }).filter(Boolean);
  }

  function sourcesOf(entry, rawLines) {
    var given = entry.qp && Array.isArray(entry.qp.sources) ? entry.qp.sources : null;
    var list = given ? given.map(function (s) {
      var url = s && typeof s.url === "string" ? safeHref(s.url) : null;
      if (!url || url.indexOf("mailto:") === 0) return null;
      return { url: url, label: typeof s.label === "string" && s.label ? s.label : hostOf(url), date: typeof s.date === "string" ? s.date : "" };
    }).filter(Boolean) : [];
    if (!list.length) rawLines.forEach(function (line) { list = list.concat(sourcesFromLine(line)); });
    return list;
  }

  // -- the widget -----------------------------------------------------------------------
  var root = el("div", { class: "qp-chat" });
  if (data.primary) root.style.setProperty("--qp-primary", data.primary);
  var launcherText = el("span", { class: "qp-launcher-text" });
  var launcher = el("button", { type: "button", class: "qp-launcher", "aria-expanded": "false", "aria-controls": "qp-panel" }, [
    icon(ICON.chat, "qp-launcher-icon"),
    launcherText,
  ]);
  var title = el("h2", { id: "qp-title", class: "qp-title" });
  var subtitle = el("p", { class: "qp-subtitle" });
  var langGroup = el("div", { class: "qp-langs", role: "group" });
  var langButtons = {};
  LANGS.forEach(function (code) {
    var button = el("button", { type: "button", class: "qp-lang", lang: code, "data-lang": code }, [
      hidden(code.toUpperCase()), srOnly(LABELS[code].languageNames[code]),
    ]);
    button.addEventListener("click", function () { if (code !== lang) switchLanguage(code); });
    langButtons[code] = button;
    langGroup.appendChild(button);
  });
  var closeLabel = srOnly("");
  var closeButton = el("button", { type: "button", class: "qp-close" }, [hidden("×"), closeLabel]);
  var restartText = el("span");
  var restartButton = el("button", { type: "button", class: "qp-restart" }, [icon(ICON.restart, "qp-icon"), restartText]);
  var log = el("div", { class: "qp-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
  var status = el("p", { class: "qp-status", role: "status", "aria-live": "polite" });
  var input = el("input", { id: "qp-input", class: "qp-input", type: "text", maxlength: "1000", autocomplete: "off", enterkeyhint: "send" });
  var inputLabel = el("label", { for: "qp-input", class: "qp-sr-only" });
  var sendButton = el("button", { type: "submit", class: "qp-send" });
  var form = el("form", { class: "qp-form" }, [inputLabel, input, sendButton]);
  var privacyText = el("span");
  var privacyLink = el("a", { class: "qp-privacy-link", href: data.privacyUrl || boot.base + "privacy.html", target: "_blank", rel: "noopener noreferrer" });
  var privacy = el("p", { class: "qp-privacy" }, [privacyText, document.createTextNode(" "), privacyLink]);
  var panel = el("section", { id: "qp-panel", class: "qp-panel", "aria-labelledby": "qp-title", hidden: "" }, [
    el("header", { class: "qp-header" }, [
      el("div", { class: "qp-top" }, [el("div", { class: "qp-heading" }, [title, subtitle]), closeButton]),
      el("div", { class: "qp-tools" }, [langGroup, restartButton]),
    ]),
    log,
    status,
    form,
    privacy,
  ]);
  root.appendChild(panel);
  root.appendChild(launcher);

  var retentionDays = parseFloat(data.retentionDays) || 90;

  function applyLabels() {
    root.lang = lang;
    launcher.setAttribute("aria-label", t("launcher"));
    launcherText.textContent = t("launcherShort");
    title.textContent = data.name || t("title");
    subtitle.textContent = data.subtitle || t("subtitle");
    langGroup.setAttribute("aria-label", t("language"));
    LANGS.forEach(function (code) { langButtons[code].setAttribute("aria-pressed", String(code === lang)); });
    closeLabel.textContent = t("close");
    restartText.textContent = t("newConversation");
    inputLabel.textContent = t("input");
    input.placeholder = t("placeholder");
    sendButton.textContent = t("send");
    privacyText.textContent = t("privacy").replace("{days}", String(retentionDays));
    privacyLink.textContent = t("privacyLink");
    privacyLink.appendChild(newTabHint());
    if (pending) status.textContent = t("typing");
    document.dispatchEvent(new CustomEvent("qp-chat-language", { detail: { language: lang } }));
  }

  function fullScreen() { return window.matchMedia("(max-width: 600px)").matches; }

  function setOpen(open, focus) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    root.classList.toggle("qp-open", open);
    storage.set(KEY.open, open ? "1" : "");
    if (open) {
      if (!history.length) add({ who: "bot", welcome: true });
      scrollToReply();
      if (focus) input.focus();
    } else if (focus) launcher.focus();
  }

  launcher.addEventListener("click", function () { setOpen(panel.hidden, true); });
  closeButton.addEventListener("click", function () { setOpen(false, true); });

  function focusables() {
    return Array.prototype.filter.call(
      panel.querySelectorAll("button, input, a[href], [tabindex='0']"),
      function (node) { return !node.disabled && node.offsetParent !== null; }
    );
  }
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); setOpen(false, true); return; }
    // On phones the panel covers the page: Tab cycles inside it.
    if (event.key !== "Tab" || !fullScreen()) return;
    var nodes = focusables();
    var first = nodes[0];
    var last = nodes[nodes.length - 1];
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  });
  document.addEventListener("focusin", function (event) {
    if (!panel.hidden && fullScreen() && !panel.contains(event.target)) input.focus();
  });

  // -- messages -------------------------------------------------------------------------
  var history = [];
  try { history = JSON.parse(storage.get(KEY.history) || "[]"); } catch (e) { history = []; }
  if (!Array.isArray(history)) history = [];

  function save() { storage.set(KEY.history, JSON.stringify(history)); }

  function replyStart(index) { // the first bot message after the user's last message
    var i = index;
    while (i > 0 && history[i - 1].who === "bot") i--;
    return i;
  }

  function quickReplies(entry) {
    var buttons = entry.welcome ? t("starters").map(function (q) { return { title: q, payload: q }; }) : entry.buttons || [];
    if (!buttons.length) return null;
    var row = el("div", { class: "qp-quick", role: "group" });
    if (entry.welcome) row.setAttribute("aria-label", t("startersLabel"));
    buttons.forEach(function (b) {
      if (!b || typeof b.title !== "string") return;
      var button = el("button", { type: "button", class: "qp-quick-btn", text: b.title });
      if (entry.done) button.disabled = true;
      button.addEventListener("click", function () {
        if (entry.done) return;
        entry.done = true;
        save();
        Array.prototype.forEach.call(row.querySelectorAll("button"), function (other) { other.disabled = true; });
        input.focus();
        var choice = /^\/switch_language\{"language":"(de|fr|en)"\}$/.exec(b.payload || "");
        if (choice) switchLanguage(choice[1], b.title); // same as the switcher
        else send(b.title, b.payload || b.title);
      });
      row.appendChild(button);
    });
    return row;
  }

  // Thumbs once per factual answer (a reply may come in several messages): under its last
  // message with fact keys or, for answers without custom JSON, with a source line.
  function factual(entry) {
    if (entry.who !== "bot" || entry.welcome) return false;
    if (entry.qp && Array.isArray(entry.qp.facts) && entry.qp.facts.length) return true;
    return splitSourceLines(entry.text || "").raw.length > 0;
  }

  function lastFactualOfReply(index) {
    for (var i = index + 1; i < history.length && history[i].who === "bot"; i++) {
      if (factual(history[i])) return false;
    }
    return true;
  }

  function replyFacts(index) { // the fact keys of every message of the rated reply
    var facts = [];
    for (var i = replyStart(index); i <= index; i++) {
      ((history[i].qp && history[i].qp.facts) || []).forEach(function (f) { if (facts.indexOf(f) < 0) facts.push(f); });
    }
    return facts;
  }

  function rating(entry) {
    var question = el("span", { id: "qp-rate-" + ++uid, class: "qp-rate-question", text: t("rateQuestion") });
    var group = el("div", { class: "qp-rate", role: "group", "aria-labelledby": question.id }, [question]);
    var buttons = {};
    ["up", "down"].forEach(function (value) {
      var button = el("button", { type: "button", class: "qp-rate-btn qp-rate-" + value, "data-rating": value, "aria-pressed": String(entry.rated === value) }, [
        icon(ICON.thumb, "qp-icon"), el("span", { text: t(value === "up" ? "rateUp" : "rateDown") }),
      ]);
      if (entry.rated) button.setAttribute("aria-disabled", "true");
      button.addEventListener("click", function () {
        if (entry.rated || group.querySelector(".qp-comment")) return;
        buttons.up.setAttribute("aria-disabled", "true");
        buttons.down.setAttribute("aria-disabled", "true");
        button.setAttribute("aria-pressed", "true");
        if (value === "up") rate(entry, "up", "");
        else group.appendChild(commentForm(entry));
      });
      buttons[value] = button;
      group.appendChild(button);
    });
    if (entry.rated) group.appendChild(el("span", { class: "qp-rated", text: t("rated") }));
    return group;
  }

  function commentForm(entry) { // optional comment after a thumbs down, then one rating is sent
    var id = "qp-comment-" + ++uid;
    var field = el("input", { id: id, class: "qp-comment-input", type: "text", maxlength: "500", autocomplete: "off" });
    var commentForm = el("form", { class: "qp-comment" }, [
      el("label", { for: id, text: t("commentLabel") }),
      el("div", { class: "qp-comment-row" }, [field, el("button", { type: "submit", class: "qp-comment-send", text: t("commentSend") })]),
    ]);
    commentForm.addEventListener("submit", function (event) {
      event.preventDefault();
      rate(entry, "down", field.value.trim());
    });
    setTimeout(function () { field.focus(); }, 0);
    return commentForm;
  }

  function rate(entry, value, comment) {
    if (entry.rated) return;
    entry.rated = value;
    save();
    rerender(history.indexOf(entry));
    var feedback = { rating: value, facts: replyFacts(history.indexOf(entry)) };
    if (comment) feedback.comment = comment;
    input.focus();
    add({ who: "rating" }); // not shown: the thanks that follows starts a new reply
    deliver("/feedback", { language: lang, qp_feedback: feedback });
  }

  function render(entry, index) {
    if (entry.who === "rating") return el("div", { class: "qp-mark", hidden: "", "data-index": String(index) });
    var bot = entry.who === "bot";
    var item = el("div", { class: "qp-msg " + (bot ? "qp-bot" : "qp-user"), "data-index": String(index) });
    item.appendChild(srOnly(t(bot ? "bot" : "you") + ": "));
    var bubble = el("div", { class: "qp-bubble" });
    if (!bot) bubble.textContent = entry.text;
    else if (entry.welcome) bubble.textContent = t("welcome");
    else {
      var parts = splitSourceLines(entry.text || "");
      var text = el("div", { class: "qp-text" });
      appendFormatted(text, parts.body);
      bubble.appendChild(text);
      // Each source once per reply: not again when an earlier message of this reply cited it.
      var seen = {};
      for (var i = replyStart(index); i < index; i++) {
        if (history[i].text) sourcesOf(history[i], splitSourceLines(history[i].text).raw).forEach(function (s) { seen[s.url] = true; });
      }
      var sources = sourcesOf(entry, parts.raw).filter(function (s) {
        if (seen[s.url]) return false;
        seen[s.url] = true;
        return true;
      });
      if (sources.length) {
        var line = el("p", { class: "qp-sources" }, [el("span", { class: "qp-sources-label", text: t(sources.length > 1 ? "sources" : "source") + ": " })]);
        sources.forEach(function (s, n) {
          if (n) line.appendChild(document.createTextNode(" · "));
          line.appendChild(externalLink(s.url, s.label + (s.date ? " (" + s.date + ")" : "")));
        });
        bubble.appendChild(line);
      }
    }
    item.appendChild(bubble);
    var quick = bot && quickReplies(entry);
    if (quick) item.appendChild(quick);
    if (bot && factual(entry) && lastFactualOfReply(index)) item.appendChild(rating(entry));
    return item;
  }

  function itemAt(index) { return log.querySelector('[data-index="' + index + '"]'); }

  function rerender(index) {
    var old = itemAt(index);
    if (old) old.replaceWith(render(history[index], index));
  }

  function renderAll() {
    log.textContent = "";
    history.forEach(function (entry, index) { log.appendChild(render(entry, index)); });
  }

  // A long answer is read from its start: scroll to the reply's first message when the whole
  // reply does not fit; otherwise to the end.
  function scrollToReply() {
    var last = history.length - 1;
    var end = itemAt(last);
    if (!end || history[last].who !== "bot") { log.scrollTop = log.scrollHeight; return; }
    var start = itemAt(replyStart(last));
    var height = end.offsetTop + end.offsetHeight - start.offsetTop;
    log.scrollTop = height > log.clientHeight ? start.offsetTop - 8 : log.scrollHeight;
  }

  function add(entry) {
    history.push(entry);
    var index = history.length - 1;
    if (entry.who === "bot") {
      // A newer reply retires the quick replies of earlier ones (a reply's own buttons may
      // come in any of its messages).
      for (var j = 0; j < replyStart(index); j++) {
        var old = history[j];
        if (old.who === "bot" && !old.done && (old.welcome || (old.buttons || []).length)) {
          old.done = true;
          if (itemAt(j)) Array.prototype.forEach.call(itemAt(j).querySelectorAll(".qp-quick-btn"), function (b) { b.disabled = true; });
        }
      }
    }
    if (history.length > HISTORY_MAX) { history = history.slice(-HISTORY_MAX); renderAll(); }
    else {
      log.appendChild(render(entry, index));
      if (factual(entry)) for (var i = replyStart(index); i < index; i++) if (!history[i].rated) rerender(i);
    }
    save();
    scrollToReply();
  }

  function attachCustom(qp) { // custom JSON right after its text: belongs to the last bot message
    var index = history.length - 1;
    var entry = history[index];
    if (!entry || entry.who !== "bot" || entry.welcome) return;
    var facts = (entry.qp && entry.qp.facts) || [];
    var sources = (entry.qp && entry.qp.sources) || [];
    entry.qp = {
      facts: facts.concat(qp.facts || []).filter(function (f, i, all) { return typeof f === "string" && all.indexOf(f) === i; }),
      sources: sources.concat(qp.sources || []),
    };
    save();
    for (var i = replyStart(index); i <= index; i++) rerender(i);
    scrollToReply();
  }

  renderAll();

  // -- talking to the assistant (transport.js) -----------------------------------------
  var transport = null;
  var pending = null; // {message, metadata, timer}: a message waiting for its first answer

  function customOf(message) {
    var qp = message.qp || (message.custom && message.custom.qp);
    if (!qp || typeof qp !== "object") return null;
    return {
      facts: Array.isArray(qp.facts) ? qp.facts.filter(function (f) { return typeof f === "string"; }) : [],
      sources: Array.isArray(qp.sources) ? qp.sources.filter(function (s) { return s && typeof s === "object"; }) : [],
    };
  }

  function onBotMessage(message) {
    if (!message || typeof message !== "object") return;
    var qp = customOf(message);
    var text = typeof message.text === "string" ? message.text : "";
    var attachment = message.attachment && message.attachment.payload;
    if (!text && attachment && typeof attachment.src === "string") text = attachment.src;
    var buttons = message.quick_replies || message.buttons || [];
    if (!text && !buttons.length) { if (qp) attachCustom(qp); return; }
    if (pending) { clearTimeout(pending.timer); pending = null; status.textContent = ""; root.classList.remove("qp-busy"); }
    var entry = { who: "bot", text: text, buttons: buttons.map(function (b) { return { title: String(b.title), payload: String(b.payload) }; }) };
    if (qp) entry.qp = qp;
    add(entry);
  }

  function fail(labelKey) {
    var failed = pending;
    if (failed) clearTimeout(failed.timer);
    pending = null;
    status.textContent = "";
    root.classList.remove("qp-busy");
    if (!failed) return;
    var retry = el("button", { type: "button", class: "qp-retry", text: t("retry") });
    var item = el("div", { class: "qp-msg qp-error", role: "alert" }, [el("p", { text: t(labelKey) }), retry]);
    retry.addEventListener("click", function () {
      item.remove();
      input.focus();
      deliver(failed.message, failed.metadata);
    });
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function deliver(message, metadata) {
    if (pending) clearTimeout(pending.timer);
    pending = { message: message, metadata: metadata, timer: null };
    var mine = pending;
    status.textContent = t("typing");
    root.classList.add("qp-busy");
    return connected.then(function () { return transport.send(message, metadata); }).then(function (ok) {
      if (pending !== mine) return;
      if (!ok) return fail("errorOffline");
      mine.timer = setTimeout(function () { if (pending === mine) fail("errorTimeout"); }, TIMEOUT);
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
    renderAll();
    send(title || t("languageNames")[code], '/switch_language{"language":"' + code + '"}', { language: code, language_choice: code });
  }

  // "New conversation": a new conversation id and session, and nothing kept in this browser.
  restartButton.addEventListener("click", function () {
    if (pending) clearTimeout(pending.timer);
    pending = null;
    status.textContent = "";
    root.classList.remove("qp-busy");
    history = [];
    storage.remove(KEY.history);
    connected.then(function () { transport.restart(); });
    renderAll();
    add({ who: "bot", welcome: true });
    input.value = "";
    input.focus();
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });

  // -- start ----------------------------------------------------------------------------
  // config.json next to the widget (scripts/run.py serves it): {rasaPort, retentionDays}.
  // Read when the widget is served by `make run`; on another origin data- attributes say it.
  function serverConfig() {
    return fetch(new URL("config.json", boot.base).href, { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .catch(function () { return {}; });
  }

  var connected = serverConfig().then(function (config) {
    if (!data.retentionDays && config.retentionDays) {
      retentionDays = config.retentionDays;
      applyLabels();
    }
    var server = data.server || location.protocol + "//" + location.hostname + ":" + (config.rasaPort || 5005);
    transport = window.QPChatTransport.create({
      server: server,
      onMessage: onBotMessage,
      onOffline: function () { if (pending) fail("errorOffline"); },
    });
  });

  applyLabels();
  (boot.styled || Promise.resolve()).then(function () {
    document.body.appendChild(root);
    if (storage.get(KEY.open) === "1") setOpen(true, false);
  });

  // The embedding page can open the panel from its own buttons: <button data-qp-chat-open>.
  document.addEventListener("click", function (event) {
    var opener = event.target.closest && event.target.closest("[data-qp-chat-open]");
    if (opener) { event.preventDefault(); setOpen(true, true); }
  });
  window.QPChat = { open: function () { setOpen(true, true); }, language: function () { return lang; } };
})();
