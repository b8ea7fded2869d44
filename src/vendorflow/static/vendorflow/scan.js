// The scan screen: a keyboard-wedge scanner types digits then Enter into #barcode.
// Every scan, bulk entry and undo is posted in order (a queue), the panel is swapped in place,
// and the result is flashed and beeped. Focus always comes back to the barcode field.
(() => {
  let queue = Promise.resolve();
  let audio = null;

  const field = () => document.getElementById("barcode");
  const focusField = () => { const f = field(); if (f && !f.disabled) f.focus(); };

  function beep(ok) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const notes = ok ? [[880, 0, 0.09]] : [[220, 0, 0.16], [180, 0.2, 0.22]];
      for (const [freq, start, length] of notes) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.type = ok ? "sine" : "square";
        osc.frequency.value = freq;
        gain.gain.value = ok ? 0.15 : 0.1;
        osc.connect(gain).connect(audio.destination);
        osc.start(audio.currentTime + start);
        osc.stop(audio.currentTime + start + length);
      }
    } catch (e) { /* no audio device: the colour still tells */ }
  }

  function flash(ok) {
    const form = document.getElementById("scan-form");
    const cls = ok ? "flash-ok" : "flash-bad";
    form.classList.remove("flash-ok", "flash-bad");
    void form.offsetWidth;  // restart the animation
    form.classList.add(cls);
  }

  function showFailure(message) {
    const result = document.getElementById("scan-result");
    result.textContent = message;
    result.className = "scan-result scan-bad";
    flash(false);
    beep(false);
  }

  function swapPanel(html) {
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const panel = holder.querySelector("#scan-panel");
    if (!panel) return showFailure("Unexpected answer from the server; reload the page.");
    document.getElementById("scan-panel").replaceWith(panel);
    const result = panel.querySelector("#scan-result");
    const ok = result.dataset.ok === "1";
    flash(ok);
    beep(ok);
  }

  async function post(form, body) {
    try {
      const response = await fetch(form.action, {
        method: "POST", body, credentials: "same-origin",
        headers: { "HX-Request": "true", "X-CSRFToken": body.get("csrfmiddlewaretoken") },
      });
      if (response.ok) swapPanel(await response.text());
      else showFailure(response.status === 403 ? "Not allowed: sign in again or ask a manager."
                                               : `The server answered ${response.status}; try again.`);
    } catch (e) {
      showFailure("No connection to the server; the last scan was not counted.");
    }
    focusField();
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches("form.js-scan")) return;
    event.preventDefault();
    const body = new FormData(form);
    if (form.id === "scan-form") {
      if (!String(body.get("barcode") || "").trim()) return focusField();
      field().value = "";  // ready for the next read while this one is posted
    }
    queue = queue.then(() => post(form, body));
    focusField();
  });

  document.addEventListener("keydown", (event) => {
    if (event.altKey && event.key.toLowerCase() === "z") {
      const undo = document.getElementById("undo-form");
      if (undo) { event.preventDefault(); undo.requestSubmit(); }
      return;
    }
    const active = document.activeElement;
    const typing = active && active.matches("input, select, textarea, button, a");
    if (!typing && event.key.length === 1 && !event.ctrlKey && !event.metaKey) focusField();
  });

  document.addEventListener("click", (event) => {
    if (!event.target.closest("input, select, textarea, button, a, label")) focusField();
  });

  document.addEventListener("DOMContentLoaded", focusField);
})();
