// Small behaviours shared by all pages: the phone menu and the modal dialog used for htmx forms.
// Loaded without `defer` so the "js" class is on <html> before the page is drawn: the phone menu
// starts closed only where a script can open it.
document.documentElement.classList.add("js");

// The phone menu: a real button that shows the navigation, its state in aria-expanded.
function setMenu(open) {
  const toggle = document.getElementById("menu-toggle");
  const menu = document.getElementById("site-menu");
  if (!toggle || !menu) return;
  toggle.setAttribute("aria-expanded", String(open));
  menu.classList.toggle("open", open);
}
document.addEventListener("click", (event) => {
  const toggle = event.target.closest && event.target.closest("#menu-toggle");
  if (toggle) {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    setMenu(open);
    if (open) {
      const first = document.querySelector("#site-menu a");
      if (first) first.focus();
    }
  } else if (!event.target.closest || !event.target.closest("#site-menu")) {
    setMenu(false);
  }
});
document.addEventListener("keydown", (event) => {
  const toggle = document.getElementById("menu-toggle");
  if (event.key === "Escape" && toggle && toggle.getAttribute("aria-expanded") === "true") {
    setMenu(false);
    toggle.focus();
  }
});

// A Print button (data-print) opens the browser's print dialog; print.css lays out the sheet.
document.addEventListener("click", (event) => {
  if (event.target.closest && event.target.closest("[data-print]")) window.print();
});
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
