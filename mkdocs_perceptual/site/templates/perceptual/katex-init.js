// mkdocs-perceptual: render the formulas pymdownx.arithmatex marked, with KaTeX, in the browser.
(function () {
  function render(root) {
    root.querySelectorAll(".arithmatex").forEach(function (el) {
      var text = el.textContent.trim();
      var display = el.tagName === "DIV";
      var tex = text.slice(2, -2);  // drop the \( \) or \[ \] wrap
      katex.render(tex, el, { displayMode: display, throwOnError: false });
    });
  }
  if (typeof document$ !== "undefined") {
    // Material's instant navigation swaps pages without a reload.
    document$.subscribe(function () { render(document.body); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { render(document.body); });
  } else {
    render(document.body);
  }
})();
