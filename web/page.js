// Demo page only: ?lang=fr (or de, en) previews the page in that language, the way a city's
// French page would embed the widget. Runs before chat.js, which reads <html lang>.
(function () {
  var lang = new URLSearchParams(location.search).get("lang");
  if (["de", "fr", "en"].indexOf(lang) >= 0) document.documentElement.lang = lang;
})();
