// The demo page around the widget (a city uses its own page). Its words follow the language:
// ?lang=fr (or de, en) first, then the language chosen in the chat (the widget's
// "qp-chat-language" event). Runs before qp-chat.js, which reads <html lang>.
(function () {
  "use strict";
  var TEXT = {
    de: {
      pageTitle: "QuattroPole – Chat-Assistent", skip: "Zum Inhalt springen", languages: "Sprache",
      cities: "Luxemburg · Metz · Saarbrücken · Trier",
      title: "Fragen zum Städtenetz QuattroPole",
      lead: "Luxemburg, Metz, Saarbrücken und Trier arbeiten seit 2000 über drei Ländergrenzen hinweg zusammen. Unser Chat-Assistent beantwortet Ihre Fragen zum Netzwerk und zu den vier Städten – auf Deutsch, Französisch und Englisch, jeweils mit Quelle.",
      open: "Assistent fragen",
      askTitle: "Was Sie fragen können",
      askText: "Wer regiert die Städte, wie reist man zwischen ihnen, welche gemeinsamen Projekte es gibt und wie das Netzwerk organisiert ist.",
      sourceTitle: "Geprüfte Angaben",
      sourceText: "Jede Antwort nennt ihre Quelle und den Stand. Was der Assistent nicht weiß, sagt er, und er nennt die Stelle, die weiterhilft.",
      privacyTitle: "Ihre Daten",
      privacyText: "Gespräche werden nur so lange gespeichert, wie es der Betrieb braucht. Mit „Neues Gespräch“ löschen Sie den Verlauf in Ihrem Browser.",
      imprint: "Impressum", privacy: "Datenschutz",
      footer: "QuattroPole – Städtenetz Luxemburg, Metz, Saarbrücken, Trier",
    },
    fr: {
      pageTitle: "QuattroPole – Assistant de chat", skip: "Aller au contenu", languages: "Langue",
      cities: "Luxembourg · Metz · Sarrebruck · Trèves",
      title: "Vos questions sur le réseau de villes QuattroPole",
      lead: "Luxembourg, Metz, Sarrebruck et Trèves coopèrent depuis 2000 par-delà trois frontières. Notre assistant répond à vos questions sur le réseau et les quatre villes, en français, en allemand et en anglais, toujours avec sa source.",
      open: "Poser une question",
      askTitle: "Ce que vous pouvez demander",
      askText: "Qui dirige les villes, comment voyager de l'une à l'autre, quels projets communs existent et comment le réseau est organisé.",
      sourceTitle: "Des informations vérifiées",
      sourceText: "Chaque réponse indique sa source et sa date. Quand l'assistant ne sait pas, il le dit et indique où se renseigner.",
      privacyTitle: "Vos données",
      privacyText: "Les conversations ne sont conservées que le temps nécessaire au service. « Nouvelle conversation » efface l'historique dans votre navigateur.",
      imprint: "Mentions légales", privacy: "Protection des données",
      footer: "QuattroPole – réseau de villes Luxembourg, Metz, Sarrebruck, Trèves",
    },
    en: {
      pageTitle: "QuattroPole – chat assistant", skip: "Skip to content", languages: "Language",
      cities: "Luxembourg · Metz · Saarbrücken · Trier",
      title: "Questions about the QuattroPole city network",
      lead: "Luxembourg, Metz, Saarbrücken and Trier have worked together across three borders since 2000. Our chat assistant answers your questions about the network and the four cities, in English, German and French, always with its source.",
      open: "Ask the assistant",
      askTitle: "What you can ask",
      askText: "Who governs the cities, how to travel between them, which joint projects there are and how the network is organised.",
      sourceTitle: "Checked information",
      sourceText: "Every answer names its source and date. When the assistant doesn't know, it says so and tells you where to ask.",
      privacyTitle: "Your data",
      privacyText: "Conversations are kept only as long as running the service needs. “New conversation” deletes the history in your browser.",
      imprint: "Imprint", privacy: "Privacy",
      footer: "QuattroPole – the city network of Luxembourg, Metz, Saarbrücken and Trier",
    },
  };

  var requested = new URLSearchParams(location.search).get("lang");
  if (TEXT[requested]) document.documentElement.lang = requested;

  function apply(lang) {
    var text = TEXT[lang];
    if (!text) return;
    document.documentElement.lang = lang;
    document.title = text.pageTitle;
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (node) {
      node.textContent = text[node.getAttribute("data-t")];
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-t-label]"), function (node) {
      node.setAttribute("aria-label", text[node.getAttribute("data-t-label")]);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-keep-lang]"), function (node) {
      node.setAttribute("href", node.getAttribute("href").split("?")[0] + "?lang=" + lang);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".lang-nav a"), function (node) {
      if (node.getAttribute("data-lang") === lang) node.setAttribute("aria-current", "true");
      else node.removeAttribute("aria-current");
    });
  }

  document.addEventListener("DOMContentLoaded", function () { apply(document.documentElement.lang); });
  document.addEventListener("qp-chat-language", function (event) { apply(event.detail.language); });
})();
