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
