// Printing needs JavaScript, so print buttons start hidden and appear only where it runs.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
