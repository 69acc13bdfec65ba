// The builder works as a plain form; where JavaScript runs, rows are added without a round trip
// and can be moved up and down. Django reads a formset's rows by the number in their field
// names, so every move renumbers them, and TOTAL_FORMS counts them.
function renumber(list) {
  const prefix = list.dataset.rows;
  const pattern = new RegExp(`${prefix}-(\\d+|__prefix__)-`, "g");
  [...list.children].forEach((row, index) => {
    for (const element of row.querySelectorAll("[name], [id], [for], [aria-describedby]")) {
      for (const attribute of ["name", "id", "for", "aria-describedby"]) {
        const value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, value.replace(pattern, `${prefix}-${index}-`));
      }
    }
    row.querySelector(".row-number").textContent = index + 1;
  });
  document.getElementById(`id_${prefix}-TOTAL_FORMS`).value = list.children.length;
}

// The buttons' words come from the page (data-move-up, data-move-down), translated there.
function addMoveButtons(row) {
  const list = row.closest("[data-rows]");
  const controls = document.createElement("p");
  controls.className = "row-controls";
  for (const direction of ["up", "down"]) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button secondary";
    button.textContent = direction === "up" ? list.dataset.moveUp : list.dataset.moveDown;
    button.dataset.move = direction;
    controls.append(button);
  }
  row.querySelector("fieldset").append(controls);
}

for (const list of document.querySelectorAll("[data-rows]")) {
  [...list.children].forEach(addMoveButtons);
  list.addEventListener("click", (event) => {
    const button = event.target.closest("[data-move]");
    if (!button) return;
    const row = button.closest("li");
    const neighbour = button.dataset.move === "up" ? row.previousElementSibling : row.nextElementSibling;
    if (!neighbour) return;
    if (button.dataset.move === "up") neighbour.before(row);
    else neighbour.after(row);
    renumber(list);
    button.focus();
  });
}

for (const button of document.querySelectorAll("[data-add-row]")) {
  button.addEventListener("click", (event) => {
    event.preventDefault();
    const prefix = button.dataset.addRow;
    const list = document.querySelector(`[data-rows="${prefix}"]`);
    const blank = document.getElementById(`${prefix}-blank-row`).content.firstElementChild.cloneNode(true);
    list.append(blank);
    addMoveButtons(list.lastElementChild);
    renumber(list);
    list.lastElementChild.querySelector("input, textarea").focus();
  });
}
