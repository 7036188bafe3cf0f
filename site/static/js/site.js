/*
 * Progressive enhancement for the main menu and the listing filters, nothing else.
 * On small screens the menu folds away behind a "Menu" button. Without this script the menu
 * simply stays open, so every link can always be reached. The CSS shows the button only on small
 * screens; on wide screens the menu is always open.
 */
(function () {
    "use strict";
    var nav = document.querySelector("[data-main-nav]");
    var list = nav && nav.querySelector(".main-nav__list");
    if (!list) {
        return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "main-nav__toggle";
    button.textContent = nav.getAttribute("data-toggle-label") || "Menu";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", list.id);
    nav.insertBefore(button, list);
    nav.classList.add("is-collapsible");

    button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        nav.classList.toggle("is-open", open);
    });
    nav.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && nav.classList.contains("is-open")) {
            button.click();
            button.focus();
        }
    });
})();

/*
 * The filters (listings and search: includes/filter_form.html) sit in a <details> that is closed
 * in the HTML, so on a phone the results come first and the summary opens it, by mouse, touch or
 * keyboard, with or without this script. On wide screens this opens it beside the results (without
 * JavaScript the stylesheet shows its content there all the same).
 */
(function () {
    "use strict";
    var disclosures = document.querySelectorAll("[data-filter-disclosure]");
    if (!disclosures.length || !window.matchMedia) {
        return;
    }
    var wide = window.matchMedia("(min-width: 56em)");
    function fit() {
        for (var i = 0; i < disclosures.length; i++) {
            disclosures[i].open = wide.matches;
        }
    }
    fit();
    if (wide.addEventListener) {
        wide.addEventListener("change", fit);
    }
})();
