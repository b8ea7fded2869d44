// The scan screen: a keyboard-wedge scanner types digits then Enter into #barcode; a phone types
// into it with its own keyboard (letters by default, the number pad on demand).
// Every scan, bulk entry and undo is posted in order (a queue), the panel is swapped in place,
// and the result is flashed, beeped and (on phones) vibrated: "ok", "warn" (counted, but not a
// whole case) or "bad" (refused). Focus always comes back to the barcode field.
(() => {
  let queue = Promise.resolve();
  let audio = null;
  const MODE_KEY = "vendorflow.scan-mode";
  const INPUT_MODES = { text: "text", numeric: "numeric", scanner: "none" };
  const TONES = {
    ok: { type: "sine", gain: 0.15, notes: [[880, 0, 0.09]] },
    warn: { type: "triangle", gain: 0.18, notes: [[660, 0, 0.12], [990, 0.16, 0.14]] },
    bad: { type: "square", gain: 0.1, notes: [[220, 0, 0.16], [180, 0.2, 0.22]] },
  };
  const VIBRATIONS = { ok: 40, warn: [90, 60, 90], bad: [220, 90, 220] };

  const field = () => document.getElementById("barcode");
  const focusField = () => { const f = field(); if (f && !f.disabled) f.focus(); };
  let mode = "text";

  function setMode(next) {
    mode = INPUT_MODES[next] ? next : "text";
    const f = field();
    if (f) f.setAttribute("inputmode", INPUT_MODES[mode]);
    document.querySelectorAll("[data-scan-mode]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.scanMode === mode));
    });
    const form = document.getElementById("scan-form");
    if (form) form.classList.toggle("scanner-mode", mode === "scanner");
    try { localStorage.setItem(MODE_KEY, mode); } catch (e) { /* private mode: not kept */ }
  }

  function beep(level) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const tone = TONES[level];
      for (const [freq, start, length] of tone.notes) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.type = tone.type;
        osc.frequency.value = freq;
        gain.gain.value = tone.gain;
        osc.connect(gain).connect(audio.destination);
        osc.start(audio.currentTime + start);
        osc.stop(audio.currentTime + start + length);
      }
    } catch (e) { /* no audio device: the colour still tells */ }
  }

  function signal(level) {
    const form = document.getElementById("scan-form");
    form.classList.remove("flash-ok", "flash-warn", "flash-bad");
    void form.offsetWidth;  // restart the animation
    form.classList.add(`flash-${level}`);
    beep(level);
    if (navigator.vibrate) {
      try { navigator.vibrate(VIBRATIONS[level]); } catch (e) { /* not allowed yet */ }
    }
  }

  function showFailure(message) {
    const result = document.getElementById("scan-result");
    result.textContent = message;
    result.className = "scan-result scan-bad";
    result.dataset.ok = "0";
    signal("bad");
  }

  function swapPanel(html) {
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const panel = holder.querySelector("#scan-panel");
    if (!panel) return showFailure("Unexpected answer from the server; reload the page.");
    document.getElementById("scan-panel").replaceWith(panel);
    const result = panel.querySelector("#scan-result");
    if (result.dataset.ok === "1") signal(result.dataset.warn === "1" ? "warn" : "ok");
    else signal("bad");
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
    const modeButton = event.target.closest("[data-scan-mode]");
    if (modeButton) {
      setMode(modeButton.dataset.scanMode);
      const f = field();
      if (f) f.blur();  // the phone shows the keyboard of the new mode on the next focus
      focusField();
      return;
    }
    if (!event.target.closest("input, select, textarea, button, a, label")) focusField();
  });

  // Scanner mode keeps the field focused whatever is tapped, except another field.
  document.addEventListener("focusout", (event) => {
    if (mode !== "scanner" || event.target !== field()) return;
    setTimeout(() => {
      const active = document.activeElement;
      if (!active || !active.matches("input, select, textarea")) focusField();
    }, 0);
  });

  document.addEventListener("DOMContentLoaded", () => {
    let saved = "text";
    try { saved = localStorage.getItem(MODE_KEY) || "text"; } catch (e) { /* not kept */ }
    setMode(saved);
    const form = document.getElementById("scan-form");
    if (form) form.dataset.ready = "1";  // scans are posted from here on, never as a page load
    focusField();
  });
})();
