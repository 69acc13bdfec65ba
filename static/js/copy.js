// Copy buttons need JavaScript, so they start hidden and appear only where it runs; without it
// the link's field is still there to select and copy by hand.
for (const button of document.querySelectorAll("[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  if (!field) continue;
  const label = button.firstChild.textContent;
  button.hidden = false;
  button.addEventListener("click", async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      // No clipboard API (an insecure origin, an old browser): the text is selected to copy.
      document.execCommand("copy");
    }
    button.firstChild.textContent = button.dataset.copied;
    setTimeout(() => { button.firstChild.textContent = label; }, 2000);
  });
}
// A click in a link's field selects all of it, ready to copy.
for (const field of document.querySelectorAll(".copy-field input[readonly]")) {
  field.addEventListener("focus", () => field.select());
}
