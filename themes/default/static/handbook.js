/* Remembers an explicit choice of script, so output/index.html opens that
   variant next time. Storage may be unavailable (private mode, some file://
   setups); the links work regardless. */
(function () {
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-variant]");
    if (!link) return;
    try {
      localStorage.setItem("handbook-variant", link.getAttribute("data-variant"));
    } catch (e) {}
  });
})();
