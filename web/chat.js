// Minimal chat page: talks to Rasa's REST channel. Text is always inserted as text, never HTML.
(async function () {
  const config = await fetch("config.json").then((r) => r.json()).catch(() => ({ rasaPort: 5005 }));
  const url = `${location.protocol}//${location.hostname}:${config.rasaPort}/webhooks/rest/webhook`;
  const key = "qp-sender";
  const sender = localStorage.getItem(key) || (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
  localStorage.setItem(key, sender);
  const log = document.getElementById("log");
  const input = document.getElementById("input");

  function add(cls, text) {
    const li = document.createElement("li");
    li.className = cls;
    li.textContent = text;
    log.appendChild(li);
    li.scrollIntoView({ block: "end" });
    return li;
  }

  async function send(text, payload) {
    add("user", text);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender, message: payload || text, metadata: { language: document.documentElement.lang } }),
      });
      if (!response.ok) throw new Error(response.status);
      for (const message of await response.json()) {
        const li = add("bot", message.text || "");
        if (message.buttons) {
          const row = document.createElement("div");
          row.className = "buttons";
          for (const b of message.buttons) {
            const btn = document.createElement("button");
            btn.type = "button";
            btn.textContent = b.title;
            btn.addEventListener("click", () => send(b.title, b.payload));
            row.appendChild(btn);
          }
          li.appendChild(row);
        }
      }
    } catch (e) {
      add("error", "Der Chat ist gerade nicht erreichbar. · Le chat est indisponible. · The chat is unavailable.");
    }
  }

  document.getElementById("form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text) { input.value = ""; send(text); }
  });
})();
