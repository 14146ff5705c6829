// The signals page: send only after the confirmation is ticked, through the app's JSON route
// (a plain form post carries no Origin under the app's no-referrer policy, and the guard refuses it).
(() => {
  "use strict";
  const form = document.getElementById("signals-send-form");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const box = form.querySelector("input[name=confirm]");
    if (!box.checked) return;
    const button = document.getElementById("signals-send-button");
    button.disabled = true;
    const weeks = Number(form.querySelector("input[name=weeks]").value);
    const response = await fetch("/signals/send", {method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json"},
      body: JSON.stringify({weeks: weeks, confirm: true})});
    const out = document.getElementById("signals-send-result");
    if (!response.ok) {
      let text = "HTTP " + response.status;
      try { text = (await response.json()).error || text; } catch (e) { /* not JSON */ }
      out.textContent = text;
      button.disabled = false;
      return;
    }
    const data = await response.json();
    // What was sent is in the ledger now: the page is asked again and shows the ledger's state.
    window.location = "/signals?weeks=" + weeks + "&sent=" + (data.counts.sent || 0) + "#history";
  });
})();
