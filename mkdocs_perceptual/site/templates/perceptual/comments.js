/* mkdocs-perceptual: comments load when the reader presses "Show comments", not before, so
   a page makes no request to Disqus or giscus on load. Listens on the document, so pages that
   Material's instant navigation swaps in work too. */
(function () {
  "use strict";
  function disqus(section) {
    var url = section.getAttribute("data-url");
    var identifier = section.getAttribute("data-identifier");
    var title = section.getAttribute("data-title");
    var config = function () {
      this.page.url = url;
      this.page.identifier = identifier;
      this.page.title = title;
    };
    window.disqus_config = config;
    if (window.DISQUS) {
      window.DISQUS.reset({ reload: true, config: config });
      return;
    }
    var script = document.createElement("script");
    script.src = "https://" + section.getAttribute("data-shortname") + ".disqus.com/embed.js";
    script.setAttribute("data-timestamp", String(+new Date()));
    script.async = true;
    document.body.appendChild(script);
  }
  function giscus(section) {
    var script = document.createElement("script");
    script.src = "https://giscus.app/client.js";
    for (var i = 0; i < section.attributes.length; i++) {
      var attribute = section.attributes[i];
      if (/^data-/.test(attribute.name) && attribute.name !== "data-perceptual-comments" &&
          attribute.name !== "data-search-exclude") {
        script.setAttribute(attribute.name, attribute.value);
      }
    }
    script.crossOrigin = "anonymous";
    script.async = true;
    section.appendChild(script);
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest(".perceptual-comments-button") : null;
    if (!button) return;
    var section = button.closest(".perceptual-comments");
    if (!section) return;
    button.disabled = true;
    button.hidden = true;
    if (section.getAttribute("data-perceptual-comments") === "disqus") disqus(section);
    else giscus(section);
  });
})();
