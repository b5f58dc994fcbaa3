/*
 * QuattroPole chat widget: the one line a city's page needs.
 *
 *   <script src="https://bot.example.org/qp-chat.js" data-server="https://bot.example.org:5005" defer></script>
 *
 * It loads, from the folder it comes from, the widget's CSS, the socket.io client
 * (vendor/), the labels, the transport and the widget, in that order. Its data- attributes
 * configure the widget (docs/channels.md): data-server, data-name, data-subtitle,
 * data-primary, data-privacy-url, data-retention-days, data-timeout, data-lang.
 */
(function () {
  "use strict";
  if (window.QPChatConfig) return; // embedded twice: the first one wins
  var script = document.currentScript;
  var base = new URL(".", script.src).href;
  window.QPChatConfig = { base: base, data: Object.assign({}, script.dataset) };

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = base + "chat.css";
  // The widget shows itself once its CSS is there (no unstyled flash).
  window.QPChatConfig.styled = new Promise(function (resolve) { css.onload = css.onerror = resolve; });
  document.head.appendChild(css);
  ["vendor/socket.io.min.js", "labels.js", "transport.js", "chat.js"].forEach(function (file) {
    var tag = document.createElement("script");
    tag.src = base + file;
    tag.async = false; // run in this order
    tag.charset = "utf-8"; // the labels are UTF-8 whatever the page's encoding
    document.head.appendChild(tag);
  });
})();
