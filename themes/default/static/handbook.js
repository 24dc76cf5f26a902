/* Switching script: the same place on the other variant's page (the
   link gets the current #anchor), and the choice remembered, so
   output/index.html opens that variant next time. Storage may be
   unavailable (private mode, some file:// setups); the links work
   regardless. */
(function () {
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-variant]");
    if (!link) return;
    if (location.hash && link.hash !== location.hash) {
      link.href = link.href.split("#")[0] + location.hash;
    }
    try {
      localStorage.setItem("handbook-variant", link.getAttribute("data-variant"));
    } catch (e) {}
  });
})();

/* A print button, and a link on each section heading (#) that leads to the
   section and copies its address, as mdBook and MkDocs-Material have. */
(function () {
  var main = document.getElementById("main");
  // The print page has neither: its headings are the PDF's outline.
  if (!main || !main.hasAttribute("data-copy-link")) return;
  var tools = main.querySelector(".page-tools");
  if (tools && window.print) {
    tools.hidden = false;
    tools.querySelector(".print-button").addEventListener("click", function () {
      window.print();
    });
  }
  var status = main.querySelector(".page-status");
  var label = main.getAttribute("data-copy-link") || "";
  var copied = main.getAttribute("data-link-copied") || "";
  main.querySelectorAll("h2[id], h3[id]").forEach(function (heading) {
    var link = document.createElement("a");
    link.className = "heading-link";
    link.href = "#" + encodeURIComponent(heading.id);
    link.textContent = "#";
    link.setAttribute("aria-label", label + "：" + heading.textContent.trim());
    link.addEventListener("click", function () {
      var address = location.href.split("#")[0] + link.getAttribute("href");
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(address).then(function () {
        if (status) status.textContent = copied;
      }, function () {});
    });
    heading.appendChild(link);
  });
})();
