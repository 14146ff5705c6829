// Poortwachter app: a little plain JavaScript, no libraries, nothing loaded from elsewhere.
"use strict";
(function () {

  async function postJSON(url, data) {
    const response = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"},
                                       body: JSON.stringify(data || {}), credentials: "same-origin"});
    return response;
  }
  async function errorText(response) {
    try { const data = await response.json(); return data.error || response.statusText; }
    catch (e) { return response.statusText; }
  }

  // Cases: filter and sort the table in the page.
  const table = document.getElementById("cases");
  if (table) {
    const rows = Array.from(table.tBodies[0].rows);
    const q = document.getElementById("q");
    const selects = {casemanager: document.getElementById("f-casemanager"),
                     employer: document.getElementById("f-employer"), status: document.getElementById("f-status")};
    const rivFilter = document.getElementById("f-riv");
    // Week 91 near (within the chosen weeks, or passed) and the RIV has gaps: the cases to act on first.
    const rivDue = row => {
      if (!rivFilter || !rivFilter.value) return true;
      if (!row.dataset.rivDue || !(Number(row.dataset.rivGaps) > 0)) return false;
      const days = (Date.parse(row.dataset.rivDue) - Date.parse(rivFilter.dataset.asOf)) / 86400000;
      return days <= 7 * Number(rivFilter.value);
    };
    const shown = document.getElementById("shown");
    function apply() {
      const needle = q.value.trim().toLowerCase();
      let count = 0;
      for (const row of rows) {
        let ok = !needle || row.textContent.toLowerCase().includes(needle);
        for (const [key, select] of Object.entries(selects)) {
          if (select.value && row.dataset[key] !== select.value) ok = false;
        }
        if (!rivDue(row)) ok = false;
        row.hidden = !ok;
        if (ok) count++;
      }
      shown.textContent = count;
      document.querySelectorAll("[data-status-filter]").forEach(b =>
        b.classList.toggle("selected", b.dataset.statusFilter === selects.status.value));
    }
    q.addEventListener("input", apply);
    Object.values(selects).forEach(s => s.addEventListener("change", apply));
    if (rivFilter) rivFilter.addEventListener("change", apply);
    document.querySelectorAll("[data-status-filter]").forEach(button => button.addEventListener("click", () => {
      selects.status.value = selects.status.value === button.dataset.statusFilter ? "" : button.dataset.statusFilter;
      apply();
    }));
    table.querySelectorAll("th").forEach((th, index) => th.addEventListener("click", () => {
      const asc = !th.classList.contains("asc");
      table.querySelectorAll("th").forEach(h => h.classList.remove("asc", "desc"));
      th.classList.add(asc ? "asc" : "desc");
      const kind = th.dataset.sort;
      const key = row => {
        const cell = row.cells[index];
        const value = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim().toLowerCase();
        return kind === "num" || kind === "status" ? Number(value) : value;
      };
      rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (asc ? 1 : -1));
      rows.forEach(row => table.tBodies[0].appendChild(row));
    }));
  }

  // Case: generate a document, download it, say where it was saved.
  const form = document.getElementById("generate-form");
  if (form) {
    form.addEventListener("submit", async event => {
      event.preventDefault();
      const out = document.getElementById("generate-result");
      const button = form.querySelector("button");
      const data = {type: form.type.value, force: form.force.checked};
      if (form.date.value) data.date = form.date.value;
      if (form.lang.value) data.lang = form.lang.value;
      button.disabled = true;
      out.className = "result"; out.textContent = "…";
      try {
        const response = await postJSON("/api/cases/" + encodeURIComponent(form.dataset.case) + "/documents", data);
        if (!response.ok) { out.className = "result bad"; out.textContent = await errorText(response); return; }
        const blob = await response.blob();
        const path = decodeURIComponent(response.headers.get("X-Poortwachter-Path") || "");
        const name = path.split(/[\\/]/).pop() || "document.docx";
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob); link.download = name;
        document.body.appendChild(link); link.click(); link.remove();
        out.className = "result ok";
        out.textContent = form.dataset.made + " " + path;   // the words come from the page (the catalogue)
        let notes = [];
        try { notes = JSON.parse(decodeURIComponent(response.headers.get("X-Poortwachter-Notes") || "[]")); } catch (e) { notes = []; }
        if (notes.length) {   // what to know about it (dated today, made after its deadline), from the server
          out.className = "result warn";
          notes.forEach(note => { out.appendChild(document.createElement("br")); out.appendChild(document.createTextNode(note)); });
        }
        const list = document.getElementById("generated");
        if (list && !Array.from(list.querySelectorAll("a")).some(a => a.textContent === name)) {
          const item = document.createElement("li");
          const anchor = document.createElement("a");
          anchor.href = "/api/cases/" + encodeURIComponent(form.dataset.case) + "/output/" + encodeURIComponent(name);
          anchor.textContent = name;
          item.appendChild(anchor);
          list.appendChild(item);
        }
      } finally { button.disabled = false; }
    });
  }

  // Case: build the re-integratieverslag with a progress bar, then offer its files and its gaps.
  const rivBox = document.getElementById("riv");
  if (rivBox) {
    const base = "/api/cases/" + encodeURIComponent(rivBox.dataset.case) + "/riv";
    const button = document.getElementById("riv-build");
    const progress = document.getElementById("riv-progress");
    const error = document.getElementById("riv-error");
    const bar = document.getElementById("riv-bar");
    const showRiv = data => {
      const titles = {};
      (data.riv.sections || []).forEach(s => { titles[s.id] = s.title; });
      document.getElementById("riv-state").textContent = data.text;
      document.getElementById("riv-when").textContent = "(" + data.riv.as_of + ")";
      const files = document.getElementById("riv-files");
      files.replaceChildren(...data.files.map(name => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = base + "/" + encodeURIComponent(name);
        link.textContent = name;
        item.appendChild(link);
        return item;
      }));
      const gaps = document.getElementById("riv-gaps");
      gaps.replaceChildren(...data.riv.gaps.map(g => {
        const item = document.createElement("li");
        item.textContent = (titles[g.section] || g.section) + ": " + g.message;
        return item;
      }));
      document.getElementById("riv-gaps-title").hidden = data.riv.gaps.length === 0;
      document.getElementById("riv-result").hidden = false;
    };
    fetch(base, {credentials: "same-origin"}).then(r => (r.ok ? r.json() : null)).then(d => { if (d && d.riv) showRiv(d); });
    button.addEventListener("click", async () => {
      button.disabled = true;
      error.textContent = "";
      const response = await postJSON(base, {force: document.getElementById("riv-force").checked});
      if (!response.ok) { error.textContent = await errorText(response); button.disabled = false; return; }
      let job = await response.json();
      progress.hidden = false;
      const step = j => {
        bar.classList.add("known");
        bar.style.width = j.percent + "%";
        document.getElementById("riv-percent").textContent = j.percent;
        document.getElementById("riv-seconds").textContent = j.seconds;
        const label = rivBox.dataset["step" + j.step.charAt(0).toUpperCase() + j.step.slice(1)];
        if (label) document.getElementById("riv-step").textContent = label;
      };
      step(job);
      while (job.state === "running") {
        await new Promise(r => setTimeout(r, 500));
        const poll = await fetch("/api/riv/jobs/" + job.job, {credentials: "same-origin"});
        if (!poll.ok) { error.textContent = await errorText(poll); button.disabled = false; return; }
        job = await poll.json();
        step(job);
      }
      button.disabled = false;
      if (job.state === "error") { progress.hidden = true; error.textContent = job.error; return; }
      document.getElementById("riv-step").textContent = rivBox.dataset.stepDone;
      showRiv(job);
    });
  }

  // Check: start a run, show progress, then show the result page.
  const start = document.getElementById("start-check");
  if (start) {
    start.addEventListener("click", async () => {
      start.disabled = true;
      const progress = document.getElementById("check-progress");
      const error = document.getElementById("check-error");
      error.textContent = "";
      const response = await postJSON("/api/check/jobs", {});
      if (!response.ok) { error.textContent = await errorText(response); start.disabled = false; return; }
      let job = await response.json();
      progress.hidden = false;
      const bar = document.getElementById("check-bar");
      const show = j => {
        document.getElementById("check-done").textContent = j.done;
        if (j.done > 0 && j.files > 0) {   // how far the reading is; until the first batch: moving stripe
          bar.classList.add("known");
          bar.style.width = Math.round(100 * j.done / j.files) + "%";
        }
        document.getElementById("check-files").textContent = j.files;
        document.getElementById("check-folders").textContent = j.folders;
        document.getElementById("check-seconds").textContent = j.seconds;
      };
      show(job);
      while (job.state === "running") {
        await new Promise(r => setTimeout(r, 500));
        const poll = await fetch("/api/check/jobs/" + job.job, {credentials: "same-origin"});
        if (!poll.ok) { error.textContent = await errorText(poll); start.disabled = false; return; }
        job = await poll.json();
        show(job);
      }
      if (job.state === "error") { progress.hidden = true; error.textContent = job.error; start.disabled = false; return; }
      window.location = "/check?job=" + job.job + "#check-result";
    });
  }

  // Mail-out: send only after an explicit confirmation.
  const send = document.getElementById("send-button");
  if (send) {
    const confirmBox = document.getElementById("confirm");
    send.addEventListener("click", () => { confirmBox.hidden = false; send.hidden = true; });
    document.getElementById("cancel-send").addEventListener("click", () => { confirmBox.hidden = true; send.hidden = false; });
    const yes = document.getElementById("confirm-send");
    yes.addEventListener("click", async () => {
      yes.disabled = true;
      const out = document.getElementById("send-result");
      const response = await postJSON("/api/mailout/send", {month: yes.dataset.month, confirm: true});
      confirmBox.hidden = true;
      if (!response.ok) { out.innerHTML = ""; const p = document.createElement("p"); p.className = "error-text";
        p.textContent = await errorText(response); out.appendChild(p); return; }
      // What was sent is in the ledger now: the page is asked again, so the preview and the
      // history both show the ledger's state (never a stale "zou gaan" or "Nog niets verzonden").
      const data = await response.json();
      window.location = "/mailout?month=" + encodeURIComponent(data.month) + "&sent=" + (data.counts.sent || 0) + "#history";
    });
  }
})();
