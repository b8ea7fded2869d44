// Small behaviours shared by all pages: the modal dialog used for htmx forms.
document.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target.id === "modal-body") {
    const dialog = document.getElementById("modal");
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
  }
});
document.addEventListener("click", (event) => {
  if (event.target.matches("[data-close-modal]")) {
    event.preventDefault();
    document.getElementById("modal").close();
  }
});
document.addEventListener("htmx:beforeSwap", (event) => {
  // Forms with errors come back with 422: swap them in so the errors show.
  if (event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
document.addEventListener("change", (event) => {
  // A "select all" box ticks every box named by its data-select-all (enabled ones only).
  const name = event.target.dataset && event.target.dataset.selectAll;
  if (!name) return;
  document.querySelectorAll(`input[name="${name}"]:not(:disabled)`).forEach((box) => {
    box.checked = event.target.checked;
  });
});
// Behaviours named by data attributes, so that no page needs inline script (the
// Content-Security-Policy allows scripts from our own static files only; docs/security.md).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.confirm !== undefined && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    return;
  }
  if (form.dataset.submitOnce !== undefined) {
    const button = form.querySelector("button[type=submit]");
    if (button) setTimeout(() => { button.disabled = true; });  // after the form is sent
  }
});
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.requestSubmit();
});
document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-toggle-hidden], [data-hide], [data-history-back]");
  if (!target) return;
  if (target.dataset.historyBack !== undefined && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  } else if (target.dataset.toggleHidden) {
    const box = document.getElementById(target.dataset.toggleHidden);
    box.hidden = !box.hidden;
    const input = box.querySelector("input");
    if (!box.hidden && input) input.focus();
  } else if (target.dataset.hide) {
    document.getElementById(target.dataset.hide).hidden = true;
  }
});
document.addEventListener("keydown", (event) => {
  const input = event.target;
  if (event.key !== "Enter" || !input.dataset || !input.dataset.enterClicks) return;
  event.preventDefault();
  document.getElementById(input.dataset.enterClicks).click();
});
