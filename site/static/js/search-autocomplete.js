/*
 * Suggestions under the search boxes while typing (the header's and the search page's), as a
 * WAI-ARIA 1.2 combobox: the input says whether its list is open (aria-expanded) and which
 * suggestion is highlighted (aria-activedescendant); focus stays in the input throughout.
 * Arrow keys move through the list, Enter opens the highlighted page (or searches, as before, when
 * none is highlighted), Escape closes the list and keeps the text; a click opens a page too.
 * A polite live region says how many suggestions there are.
 *
 * An input takes part when it has data-autocomplete (the URL of search/views.py's
 * ``suggestions``) and the texts to show in data-autocomplete-*. Without this script, or when a
 * request fails, the input is the plain search box it is in the HTML: the form always works.
 */
(function () {
    "use strict";
    var DEBOUNCE_MS = 150;
    var MIN_LENGTH = 2;

    function setUp(input, number) {
        var form = input.form;
        var texts = {
            label: input.getAttribute("data-autocomplete-label") || "",
            none: input.getAttribute("data-autocomplete-none") || "",
            one: input.getAttribute("data-autocomplete-one") || "",
            many: input.getAttribute("data-autocomplete-many") || ""
        };
        var listId = "autocomplete-list-" + number;
        var list = document.createElement("ul");
        list.id = listId;
        list.className = "autocomplete__list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", texts.label);
        list.hidden = true;
        var status = document.createElement("div");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        status.setAttribute("aria-live", "polite");
        input.parentNode.classList.add("autocomplete");
        input.parentNode.appendChild(list);
        form.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);
        input.setAttribute("autocomplete", "off");

        var suggestions = [];
        var active = -1;
        var timer = null;
        var request = null;

        function options() {
            return list.querySelectorAll("[role=option]");
        }

        function highlight(index) {
            var all = options();
            active = index;
            for (var i = 0; i < all.length; i++) {
                all[i].setAttribute("aria-selected", String(i === index));
            }
            if (index < 0) {
                input.removeAttribute("aria-activedescendant");
            } else {
                input.setAttribute("aria-activedescendant", all[index].id);
                all[index].scrollIntoView({block: "nearest"});
            }
        }

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            highlight(-1);
        }

        function open() {
            if (suggestions.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
            }
        }

        function announce(count) {
            if (count === 0) {
                status.textContent = texts.none;
            } else if (count === 1) {
                status.textContent = texts.one;
            } else {
                status.textContent = texts.many.replace("%(count)s", String(count));
            }
        }

        function show(items) {
            suggestions = items;
            list.textContent = "";
            items.forEach(function (item, index) {
                var option = document.createElement("li");
                option.id = listId + "-" + index;
                option.className = "autocomplete__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                var title = document.createElement("span");
                title.className = "autocomplete__title";
                title.textContent = item.title;
                option.appendChild(title);
                if (item.kind) {
                    var kind = document.createElement("span");
                    kind.className = "autocomplete__kind";
                    kind.textContent = ", " + item.kind;
                    option.appendChild(kind);
                }
                list.appendChild(option);
            });
            highlight(-1);
            announce(items.length);
            if (items.length) {
                open();
            } else {
                close();
            }
        }

        function go(index) {
            if (suggestions[index]) {
                window.location.assign(suggestions[index].url);
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (request) {
                request.abort(); // an answer to older text would replace the newer one
                request = null;
            }
            if (query.length < MIN_LENGTH) {
                suggestions = [];
                list.textContent = "";
                status.textContent = "";
                close();
                return;
            }
            request = window.AbortController ? new AbortController() : null;
            var url = input.getAttribute("data-autocomplete") + "?q=" + encodeURIComponent(query);
            window.fetch(url, {
                headers: {Accept: "application/json"},
                credentials: "same-origin",
                signal: request ? request.signal : undefined
            }).then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.json();
            }).then(function (data) {
                if (query === input.value.trim()) {
                    show(data.suggestions || []);
                }
            }).catch(function () {
                // Aborted or failed: the plain search still works; say nothing.
            });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
        });

        input.addEventListener("keydown", function (event) {
            var count = suggestions.length;
            var isOpen = !list.hidden;
            if (event.key === "ArrowDown" && count) {
                event.preventDefault();
                if (!isOpen) {
                    open();
                    highlight(0);
                } else {
                    highlight(active + 1 < count ? active + 1 : 0);
                }
            } else if (event.key === "ArrowUp" && count) {
                event.preventDefault();
                if (!isOpen) {
                    open();
                    highlight(count - 1);
                } else {
                    highlight(active > 0 ? active - 1 : -1);
                }
            } else if (event.key === "Enter" && isOpen && active >= 0) {
                event.preventDefault(); // the highlighted page, not a search
                go(active);
            } else if (event.key === "Escape" && isOpen) {
                event.preventDefault(); // a search input would clear its text
                close();
            }
        });

        // Keep the focus in the input when the list is clicked, so the click lands on the option.
        list.addEventListener("mousedown", function (event) {
            event.preventDefault();
        });
        list.addEventListener("click", function (event) {
            var option = event.target.closest("[role=option]");
            if (option) {
                go(Array.prototype.indexOf.call(options(), option));
            }
        });
        input.addEventListener("blur", close);
        form.addEventListener("submit", function () {
            window.clearTimeout(timer);
            if (request) {
                request.abort();
            }
            close();
        });
    }

    if (!window.fetch || !Element.prototype.closest) {
        return;
    }
    var inputs = document.querySelectorAll("input[data-autocomplete]");
    for (var i = 0; i < inputs.length; i++) {
        setUp(inputs[i], i + 1);
    }
})();
