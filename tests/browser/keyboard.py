"""Checks for WCAG 2.2 criteria that axe-core does not cover, and the record the statement reads.

Each check runs JavaScript in the page and returns a list of problems (plain strings a person can
act on): empty means the page passes. The tests record every result in
``var/accessibility/keyboard.jsonl`` (``record``) *before* they assert, so a failing run is
counted in the accessibility statement too (``manage.py accessibility_statement``).

The record's format, one JSON object per line:

- the first line of a new file says what measured: ``{"playwright_version": "1.65.2",
  "chromium_version": "…", "checks": ["keyboard", "target-size", "text-200", "reflow-320"],
  "run": "…"}``;
- then one line per check: ``{"check": "reflow-320", "name": "home", "url": "/",
  "language": "nl", "viewport": 320, "problems": 0, "details": ["…"], "date": "2025-…"}``.

The first check of a new test run empties the file (the file describes the last run, like
``axe.jsonl``); within a run, a check that runs again (same ``check``, ``name``, ``language``,
``viewport``) replaces its earlier line when the command reads the file.
"""

import fcntl
import json
import os
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from django.conf import settings

RESULTS = Path(settings.BASE_DIR) / "var" / "accessibility" / "keyboard.jsonl"
CHECKS = ["keyboard", "target-size", "text-200", "reflow-320"]
STARTED = time.time()


def record(page, check, name, problems, language=None):
    """Append one check's result to ``keyboard.jsonl``; the first check of a test run starts the
    file afresh, with the header (the same rule, and run id, as ``support.record`` for axe)."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"{os.getpid()}-{STARTED}"
    path = page.url.split("://", 1)[-1]
    line = {
        "check": check,
        "name": name,
        "url": "/" + path.split("/", 1)[1] if "/" in path else "/",
        "language": language or page.evaluate("document.documentElement.lang"),
        "viewport": page.viewport_size["width"] if page.viewport_size else None,
        "problems": len(problems),
        "details": problems[:20],
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with open(RESULTS, "a+", encoding="utf-8") as lines:
        fcntl.flock(lines, fcntl.LOCK_EX)  # parallel workers share the file; released on close
        lines.seek(0)
        first = lines.readline()
        if not first.strip() or json.loads(first).get("run") != run:
            lines.truncate(0)
            browser = page.context.browser
            header = {
                "playwright_version": version("playwright"),
                "chromium_version": browser.version if browser else "",
                "checks": CHECKS,
                "run": run,
            }
            lines.write(json.dumps(header) + "\n")
        lines.write(json.dumps(line, ensure_ascii=False) + "\n")


# Focus (2.4.7 focus visible, 2.4.11 focus not obscured) -----------------------------------------

FOCUS_STOP = """
async () => {
    // The site scrolls smoothly (unless the reader asks for reduced motion): measure where the
    // focused element ends up, once the scrolling has stopped.
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    let last = null, still = 0;
    for (let i = 0; i < 180 && still < 10; i++) {  // ten frames without movement, at most ~3 s
        await frame();
        const now = scrollX + "," + scrollY;
        still = now === last ? still + 1 : 0;
        last = now;
    }
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) {
        // Past the last stop, Tab leaves the page for the browser's own controls.
        return {element: null, problems: []};
    }
    const describe = (e) => {
        const text = (e.getAttribute("aria-label") || e.innerText || e.value || e.name || "").trim();
        return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (text ? ` "${text.slice(0, 40)}"` : "");
    };
    const problems = [];
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    if (!outline && !shadow) {
        problems.push("no visible focus indicator " +
                      `(outline ${style.outlineStyle} ${style.outlineWidth}, no box-shadow)`);
    }
    if (box.width === 0 && box.height === 0) {
        problems.push("the focused element has no size");
    }
    if (box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth) {
        problems.push("the focused element is outside the viewport");
    }
    // 2.4.11: no fixed or sticky element may hide the focused element entirely.
    for (const other of document.querySelectorAll("body *")) {
        const position = getComputedStyle(other).position;
        if ((position !== "fixed" && position !== "sticky") || other.contains(el) || el.contains(other)) {
            continue;
        }
        const cover = other.getBoundingClientRect();
        const shown = getComputedStyle(other).visibility !== "hidden" && cover.width > 0 && cover.height > 0;
        if (shown && cover.left <= box.left && cover.right >= box.right
                && cover.top <= box.top && cover.bottom >= box.bottom) {
            problems.push(`hidden behind the ${position} element ${describe(other)}`);
        }
    }
    return {element: describe(el), problems};
}
"""


def focus_stop(page):
    """``(description, problems)`` for the element that has focus now."""
    result = page.evaluate(FOCUS_STOP)
    return result["element"], result["problems"]


class FocusWalk:
    """Tab through a page and check every stop; keep each stop's problems for the record."""

    def __init__(self, page):
        self.page = page
        self.stops = []
        self.problems = []

    def check(self):
        element, problems = focus_stop(self.page)
        self.stops.append(element)
        where = "/" + self.page.url.split("://", 1)[-1].partition("/")[2]  # the path: no test port
        self.problems += [f"{where}: {element}: {problem}" for problem in problems]
        return element

    def press(self, key):
        self.page.keyboard.press(key)
        return self.check()

    def skip_link_first(self):
        """The first Tab on a fresh page lands on the skip link, and Enter moves focus to <main>."""
        self.page.keyboard.press("Tab")
        element = self.check()
        assert self.page.evaluate("document.activeElement.classList.contains('skip-link')"), (
            f"the first Tab stop is {element}, not the skip link"
        )
        self.page.keyboard.press("Enter")
        assert self.page.evaluate("document.activeElement.id") == "main", "the skip link does not move focus"
        self.check()  # waits for the smooth scroll to <main> to end, as a reader would

    def tab_to(self, locator, backwards=False, limit=250):
        """Press Tab (Shift+Tab) until ``locator`` (or one of its matches) has focus, checking every
        stop on the way. Fails when the element is never reached: it is not keyboard-operable."""
        key = "Shift+Tab" if backwards else "Tab"
        if locator.evaluate_all("elements => elements.includes(document.activeElement)"):
            return  # already there (autofocus)
        for _step in range(limit):
            self.press(key)
            if locator.evaluate_all("elements => elements.includes(document.activeElement)"):
                return
        raise AssertionError(f"{limit} × {key} never reached {locator}; stops: {self.stops[-15:]}")


# Target size (2.5.8) ----------------------------------------------------------------------------

TARGET_SIZE = """
() => {
    // What WCAG 2.5.8 (Target Size, Minimum, AA) asks: every pointer target is at least 24 by 24
    // CSS pixels, unless one of its exceptions holds. Implemented here:
    //  - Spacing: an undersized target passes when a 24 px circle centred on it intersects no
    //    other target and no other undersized target's circle.
    //  - Inline: a link in a sentence, whose size the line height of the text around it sets.
    //    Read as: the link is display:inline and its nearest block ancestor has text outside it.
    //  - Not counted: targets nobody can see (no size, visibility hidden, the 1 px
    //    visually-hidden pattern, the content of a closed <details>): they are not targets.
    // Not implemented (none applies on this site): "equivalent" (another control on the page does
    // the same) and "user-agent control" (size set by the browser, unstyled).
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]";
    const describe = (e) => {
        const text = (e.getAttribute("aria-label") || e.innerText || e.value || e.name || "").trim();
        return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (text ? ` "${text.slice(0, 40)}"` : "");
    };
    const blockOf = (e) => {
        let node = e.parentElement;
        while (node && getComputedStyle(node).display.startsWith("inline")) node = node.parentElement;
        return node;
    };
    const inSentence = (e) => {
        if (getComputedStyle(e).display !== "inline") return false;
        const block = blockOf(e);
        if (!block) return false;
        const own = e.textContent.replace(/\\s+/g, "");
        const all = block.textContent.replace(/\\s+/g, "");
        return all.length > own.length;
    };
    const targets = [];
    for (const e of document.querySelectorAll(selector)) {
        const style = getComputedStyle(e);
        const r = e.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1 || style.visibility === "hidden") continue;
        // Inside a closed <details> (Chromium hides its content with content-visibility).
        if (!e.checkVisibility({visibilityProperty: true})) continue;
        const x = r.left + scrollX, y = r.top + scrollY;
        targets.push({e, r: {left: x, top: y, right: x + r.width, bottom: y + r.height},
                      w: r.width, h: r.height, cx: x + r.width / 2, cy: y + r.height / 2});
    }
    // Rounding: a box of 23.99 px is 24 px on screen.
    const small = (t) => t.w < 23.5 || t.h < 23.5;
    const distanceToBox = (x, y, r) => {
        const dx = Math.max(r.left - x, 0, x - r.right);
        const dy = Math.max(r.top - y, 0, y - r.bottom);
        return Math.hypot(dx, dy);
    };
    const problems = [];
    for (const t of targets) {
        if (!small(t) || inSentence(t.e)) continue;
        const crowded = targets.find((o) => o !== t && !o.e.contains(t.e) && !t.e.contains(o.e) && (
            distanceToBox(t.cx, t.cy, o.r) < 12 || (small(o) && Math.hypot(t.cx - o.cx, t.cy - o.cy) < 24)));
        if (crowded) {
            problems.push(`${describe(t.e)} is ${Math.round(t.w)}×${Math.round(t.h)} px and ` +
                          `closer than 12 px to ${describe(crowded.e)}`);
        }
    }
    return problems;
}
"""


def target_size_problems(page):
    """Targets smaller than 24×24 CSS px without the spacing or inline exception (WCAG 2.5.8)."""
    return page.evaluate(TARGET_SIZE)


def draggable_elements(page):
    """Elements a visitor could only use by dragging (2.5.7): the site should have none."""
    return page.evaluate(
        "() => [...document.querySelectorAll('[draggable=true]')].map(e => e.outerHTML.slice(0, 80))"
    )


# Text at 200 % (1.4.4) and reflow at 320 px (1.4.10) ---------------------------------------------

LAYOUT = """
() => {
    // Text that a box cuts off, text boxes that overlap, and content that leaves the page sideways.
    const problems = [];
    const width = document.documentElement.clientWidth;
    const classes = (e) => typeof e.className === "string" && e.className.trim()
        ? "." + e.className.trim().split(/\\s+/).join(".") : "";
    const describe = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + classes(e);
    const hiddenOnPurpose = (e) => {
        // The visually-hidden pattern (a 1 px clipped box for screen readers) and closed things.
        for (let n = e; n; n = n.parentElement) {
            const s = getComputedStyle(n);
            if (s.clip === "rect(0px, 0px, 0px, 0px)" || s.clipPath === "inset(50%)") return true;
            if (s.display === "none" || s.visibility === "hidden") return true;
        }
        return false;
    };
    const scrollsSideways = (e) => {
        for (let n = e.parentElement; n; n = n.parentElement) {
            const s = getComputedStyle(n);
            if (s.overflowX === "auto" || s.overflowX === "scroll") return n !== document.documentElement;
        }
        return false;
    };
    const html = document.documentElement;
    if (html.scrollWidth > width + 1) {
        problems.push(`the page scrolls sideways: ${html.scrollWidth} px content in ${width} px`);
    }
    const texts = [];
    for (const e of document.querySelectorAll("body *")) {
        const hasText = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!hasText || hiddenOnPurpose(e) || !e.checkVisibility({visibilityProperty: true})) continue;
        const s = getComputedStyle(e);
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        // Clipped: a box that hides what does not fit.
        const clipsX = ["hidden", "clip"].includes(s.overflowX);
        const clipsY = ["hidden", "clip"].includes(s.overflowY);
        const overX = e.scrollWidth > e.clientWidth + 2, overY = e.scrollHeight > e.clientHeight + 2;
        if ((clipsY && overY) || (clipsX && overX)) {
            problems.push(`text cut off in ${describe(e)}: "${e.textContent.trim().slice(0, 40)}"`);
        }
        if (s.textOverflow === "ellipsis" && e.scrollWidth > e.clientWidth + 2) {
            problems.push(`text shortened with … in ${describe(e)}`);
        }
        // Off the page: text that starts or ends outside the width, unless in a box that scrolls.
        // Text wholly left of the page was put there to hide it (the forms' honeypot field, for
        // bots only): nobody can scroll to it, and nothing of it shows.
        const offscreen = r.right <= 0;
        if ((r.right > width + 1 || r.left < -1) && !offscreen && !scrollsSideways(e)) {
            const text = e.textContent.trim().slice(0, 40);
            problems.push(`text outside the page width in ${describe(e)}: "${text}"`);
        }
        // The boxes of the text itself (line by line), for the overlap check below.
        for (const n of e.childNodes) {
            if (n.nodeType !== 3 || !n.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            for (const line of range.getClientRects()) {
                if (line.width > 1 && line.height > 1) texts.push({e, r: line});
            }
        }
    }
    // Overlap: two lines of text from different elements that share more than a sliver.
    const seen = new Set();
    for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
            const a = texts[i], b = texts[j];
            if (a.e === b.e || a.e.contains(b.e) || b.e.contains(a.e)) continue;
            const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
            const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
            if (w > 3 && h > Math.min(a.r.height, b.r.height) / 2) {
                const key = describe(a.e) + "|" + describe(b.e);
                if (!seen.has(key)) {
                    seen.add(key);
                    problems.push(`text of ${describe(a.e)} ("${a.e.textContent.trim().slice(0, 30)}") ` +
                                  `overlaps ${describe(b.e)} ("${b.e.textContent.trim().slice(0, 30)}")`);
                }
            }
        }
    }
    return problems;
}
"""


def layout_problems(page):
    """Cut-off text, overlapping text and sideways scrolling on the page as it is shown now."""
    return page.evaluate(LAYOUT)


def double_the_text_size(page):
    """Text at 200 %, the way a reader's browser setting does it (see test_reflow's docstring)."""
    before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    after = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    # The site sizes text in rem; text that did not grow is a problem of its own.
    assert after >= 2 * before - 0.5, f"body text grew from {before}px to {after}px only"
