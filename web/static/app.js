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

// Suggestions under the search box (GET /api/suggest): a WAI-ARIA combobox. Arrow keys move,
// Enter picks, Escape closes; without JavaScript the box is a plain search field.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  if (!input || !list || !window.fetch) { return; }
  var KIND_LABELS = { park: "园区", organization: "机构", policy_document: "政策文件", word: "词语" };
  var active = -1;
  var latest = 0;
  var timer = null;

  function items() { return list.querySelectorAll("li"); }

  function close() {
    list.hidden = true;
    list.textContent = "";
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var options = items();
    if (!options.length) { return; }
    active = (index + options.length) % options.length;
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === active ? "true" : "false");
    }
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  function choose(text) {
    var words = input.value.split(/\s+/);
    words[words.length - 1] = text;  // complete the word being typed
    input.value = words.join(" ");
    close();
    if (input.form) { input.form.submit(); }
  }

  function show(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = "suggestion-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var text = document.createElement("span");
      text.textContent = item.text;
      var kind = document.createElement("span");
      kind.className = "suggestion-kind";
      kind.textContent = (KIND_LABELS[item.kind] || item.kind) + " · " + item.count;
      option.appendChild(text);
      option.appendChild(kind);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();  // keep focus in the box
        choose(item.text);
      });
      list.appendChild(option);
    });
    active = -1;
    list.hidden = !suggestions.length;
    input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
  }

  function lookup() {
    var words = input.value.split(/\s+/);
    var prefix = words[words.length - 1];
    if (!prefix) { close(); return; }
    var ticket = ++latest;
    fetch("/api/suggest?q=" + encodeURIComponent(prefix))
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (body) { if (ticket === latest) { show(body.suggestions || []); } })
      .catch(function () { close(); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookup, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    // Only the open list closes: Chromium's own Escape would also clear the type="search" box.
    // With no list open, Escape keeps the browser's behaviour (clearing the box).
    else if (event.key === "Escape") { event.preventDefault(); close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(items()[active].firstChild.textContent);
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 0); });
})();
