/*
 * Two small aids in the admin's editors (loaded through the `insert_editor_js` hook in
 * home/wagtail_hooks.py, which also hands over the Dutch texts as data-texts).
 *
 * 1. A form that comes back with errors opens the tab holding the first one. Wagtail counts the
 *    errors on each tab but leaves the editor on the first tab, so an error on a hidden tab
 *    (the slug on "Eigenschappen") looked like a save that did nothing.
 * 2. wagtail-localize's translation editor writes two texts in English without gettext ("Nederlands
 *    to Engels translation" as a heading, "More actions" for screen readers); they are replaced by
 *    the project's translations as the editor renders them.
 */
(function () {
    "use strict";

    var script = document.currentScript;
    var texts = {};
    try {
        texts = JSON.parse((script && script.dataset.texts) || "{}");
    } catch (error) {
        texts = {};
    }

    function openTabWithFirstError(attempt) {
        var error = document.querySelector(".w-tabs__panel .error-message, .w-tabs__panel .help-critical");
        if (!error) {
            return;
        }
        // Wait until Wagtail's tab controller has shown its first tab, then take over.
        if (!document.querySelector(".w-tabs__panel:not([hidden])")) {
            if (attempt < 40) {
                window.setTimeout(openTabWithFirstError, 50, attempt + 1);
            }
            return;
        }
        var panel = error.closest(".w-tabs__panel");
        if (!panel.hidden) {
            return;
        }
        var tab = document.querySelector('.w-tabs__tab[href="#' + panel.id + '"]');
        if (tab) {
            tab.click();
        }
    }

    var HEADING = /^(.+) to (.+) translation$/;

    function translateLocalizeEditor(root) {
        root.querySelectorAll("h3").forEach(function (heading) {
            var match = texts.translation && heading.textContent.match(HEADING);
            if (!match) {
                return;
            }
            var wanted = texts.translation.replace("%(source)s", match[1]).replace("%(target)s", match[2]);
            if (heading.textContent !== wanted) {
                heading.textContent = wanted;
            }
        });
        root.querySelectorAll(".w-sr-only").forEach(function (label) {
            if (texts.more_actions && label.textContent === "More actions" && label.textContent !== texts.more_actions) {
                label.textContent = texts.more_actions;
            }
        });
    }

    function watchLocalizeEditor() {
        var root = document.querySelector(".js-translation-editor");
        if (!root) {
            return;
        }
        translateLocalizeEditor(root);
        // The editor is a React app: it renders after load and again per tab.
        new MutationObserver(function () {
            translateLocalizeEditor(root);
        }).observe(root, { childList: true, subtree: true });
    }

    function start() {
        openTabWithFirstError(0);
        watchLocalizeEditor();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
