// Progressive enhancement only: every control also works as a plain link or form without JS.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Ticking a facet checkbox applies it at once (the "应用筛选" button is for no-JS visitors).
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box instanceof HTMLInputElement && box.type === "checkbox" && box.form &&
        box.form.classList.contains("facets")) {
      box.form.submit();
    }
  });

  // On a phone the filter panel starts closed so results come first.
  var toggle = document.querySelector(".sidebar-toggle");
  if (toggle && window.matchMedia("(max-width: 760px)").matches &&
      !document.querySelector(".chips")) {
    toggle.open = false;
  }
})();
