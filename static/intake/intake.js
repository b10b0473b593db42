// Light up the article sentence behind the field being edited. The page works without this.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("review-form");
  const column = document.querySelector(".intake-article-column");
  if (!form || !column) return;
  const wide = window.matchMedia("(min-width: 1024px)");
  form.addEventListener("focusin", (event) => {
    const row = event.target.closest(".intake-field, #investors");
    const link = row && row.querySelector("a[data-mark]");
    const mark = link && document.getElementById(link.dataset.mark);
    document.querySelectorAll("mark.evidence.active").forEach((other) => other.classList.remove("active"));
    if (!mark) return;
    mark.classList.add("active");
    // Only scroll the article column beside the form; on a phone it is below and must not jump.
    if (wide.matches) column.scrollTop = mark.offsetTop - column.clientHeight / 3;
  });
});
