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
