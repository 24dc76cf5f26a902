/* The sidebar: every document, and the roles of the current one in
   reporting order, from <variant>/nav/ (src/render/nav.rs). A document's
   roles are loaded when the reader opens it, so no page carries the whole
   handbook's list. On wide screens the sidebar sits beside the page; on
   narrow ones the header's menu button opens it as a drawer. Loaded with
   <script> tags, so it works from file:// too. */
(function () {
  "use strict";

  var nav = document.getElementById("sidebar");
  var button = document.querySelector(".menu-button");
  if (!nav) return;
  var base = nav.getAttribute("data-nav");
  var root = nav.getAttribute("data-root");
  var currentDoc = nav.getAttribute("data-doc");
  var currentRole = nav.getAttribute("data-role");
  var toggleLabel = nav.getAttribute("data-toggle") || "";
  var loading = {};

  function data() {
    return window.HANDBOOK_NAV || { roles: {} };
  }

  /* Runs `done` once <variant>/nav/<name>.js has set its part of the data. */
  function load(name, ready, done) {
    if (ready()) return done();
    if (loading[name]) return loading[name].push(done);
    loading[name] = [done];
    var script = document.createElement("script");
    script.src = base + name + ".js";
    script.onload = function () {
      var waiting = loading[name];
      loading[name] = null;
      waiting.forEach(function (f) { f(); });
    };
    script.onerror = function () { loading[name] = null; };
    document.head.appendChild(script);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function roleList(doc, list) {
    var roles = data().roles[doc] || [];
    list.textContent = "";
    roles.forEach(function (r) {
      var li = el("li", "sidebar-role depth-" + Math.min(r[2], 6));
      var a = el("a", "", r[1]);
      a.href = root + doc + "/" + r[0] + ".html";
      if (doc === currentDoc && r[0] === currentRole) a.setAttribute("aria-current", "page");
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function setOpen(toggle, list, doc, open) {
    toggle.setAttribute("aria-expanded", String(open));
    if (!open) {
      list.hidden = true;
      return;
    }
    load(doc, function () { return !!data().roles[doc]; }, function () {
      roleList(doc, list);
      list.hidden = false;
    });
  }

  function documentItem(d) {
    var id = d[0];
    var li = el("li", "sidebar-document");
    var row = el("div", "sidebar-row");
    var toggle = el("button", "sidebar-toggle");
    toggle.type = "button";
    toggle.setAttribute("aria-label", toggleLabel + "：" + d[1] + " " + d[2]);
    var list = el("ul", "sidebar-roles");
    list.id = "sidebar-" + id;
    list.hidden = true;
    toggle.setAttribute("aria-controls", list.id);
    toggle.setAttribute("aria-expanded", "false");
    var link = el("a", "", d[1] + " " + d[2]);
    link.href = root + id + "/index.html";
    if (id === currentDoc && !currentRole) link.setAttribute("aria-current", "page");
    toggle.addEventListener("click", function () {
      setOpen(toggle, list, id, toggle.getAttribute("aria-expanded") !== "true");
    });
    row.appendChild(toggle);
    row.appendChild(link);
    li.appendChild(row);
    li.appendChild(list);
    if (id === currentDoc) setOpen(toggle, list, id, true);
    return li;
  }

  /* On a phone the header keeps only the title, the menu button and the
     search box: its navigation and script links move into the drawer. */
  function headerLinks() {
    var extra = el("div", "sidebar-extra");
    [".site-nav ul", ".variant-switcher ul"].forEach(function (selector) {
      var source = document.querySelector(".site-header " + selector);
      if (!source) return;
      var copy = source.cloneNode(true);
      copy.className = "sidebar-links";
      copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
      extra.appendChild(copy);
    });
    return extra;
  }

  function render() {
    var docs = data().docs || [];
    var list = el("ul", "sidebar-documents");
    docs.forEach(function (d) { list.appendChild(documentItem(d)); });
    nav.textContent = "";
    nav.appendChild(headerLinks());
    nav.appendChild(list);
    nav.hidden = false;
    document.body.classList.add("has-sidebar");
    if (button) button.hidden = false;
  }

  function setDrawer(open) {
    if (!button) return;
    button.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("open", open);
    if (open) {
      var first = nav.querySelector(".sidebar-documents [aria-current]") || nav.querySelector("a");
      if (first) first.focus();
    }
  }

  if (button) {
    button.addEventListener("click", function () {
      setDrawer(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("open")) {
        setDrawer(false);
        button.focus();
      }
    });
  }

  load("index", function () { return !!data().docs; }, render);
})();
