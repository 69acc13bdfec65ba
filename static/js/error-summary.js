// The error summary (templates/includes/error_summary.html) takes focus when the page loads, so
// the problems are read out and seen however far down the form is; its links then move focus to
// their field and bring the field's label (or its group's legend) into view, as GOV.UK's do.
// Without JavaScript the summary's autofocus and the links' fragments do nearly as much.
(function () {
  "use strict";

  function labelOf(field) {
    var group = field.closest("fieldset");
    if (group && field.type === "radio") {
      return group.querySelector("legend") || group;
    }
    return (field.id && document.querySelector('label[for="' + field.id + '"]')) || field;
  }

  // The element of the link's id, or else the first control of its field's name (a radio group
  // rendered by hand has no id of the field's own).
  function fieldOf(link) {
    var byId = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (byId || !link.dataset.field) {
      return byId;
    }
    var named = document.getElementsByName(link.dataset.field);
    return named.length ? named[0] : null;
  }

  function start() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.scrollIntoView({ block: "start" });
    summary.addEventListener("click", function (event) {
      var link = event.target.closest('a[href^="#"]');
      var field = link && fieldOf(link);
      if (!field) {
        return;
      }
      event.preventDefault();
      labelOf(field).scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
