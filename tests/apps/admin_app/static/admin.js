// User menu: the name button opens a small menu; Escape or a click elsewhere closes it.
(function () {
  var toggle = document.querySelector(".user-menu-toggle");
  if (toggle) {
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.hidden = !open;
    };
    toggle.addEventListener("click", function (event) {
      event.stopPropagation();
      setOpen(menu.hidden);
      if (!menu.hidden) { menu.querySelector("[role=menuitem]").focus(); }
    });
    document.addEventListener("click", function (event) {
      if (!menu.contains(event.target)) { setOpen(false); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !menu.hidden) { setOpen(false); toggle.focus(); }
    });
  }
  document.querySelectorAll(".alert-dismiss").forEach(function (button) {
    button.addEventListener("click", function () { button.closest(".alert").remove(); });
  });
})();
