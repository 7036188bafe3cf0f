"""``manage.py accessibility_statement``: the accessibility statement's figures from the last test run.

Run the browser tests first (they write ``var/accessibility/axe.jsonl`` and ``keyboard.jsonl``),
then this command; it writes ``home/accessibility_results.json``, which the statement page shows
and which is committed with the code. An ``audit`` entry already in that file (an independent
audit, filled in by hand) is kept. See docs/accessibility.md.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home import accessibility


class Command(BaseCommand):
    help = "Sum up var/accessibility/*.jsonl into home/accessibility_results.json for the statement."

    def add_arguments(self, parser):
        parser.add_argument("--axe", default=str(accessibility.RECORDS / "axe.jsonl"))
        parser.add_argument("--keyboard", default=str(accessibility.RECORDS / "keyboard.jsonl"))
        parser.add_argument("--output", default=str(accessibility.RESULTS))
        parser.add_argument("--measured", help="the date of the measurement (default: the records' date)")

    def handle(self, *args, **options):
        axe, keyboard, output = Path(options["axe"]), Path(options["keyboard"]), Path(options["output"])
        if not axe.exists() and not keyboard.exists():
            raise CommandError(
                f"Neither {axe} nor {keyboard} exists: run the browser tests first "
                "(make test, or pytest -m browser tests/browser/)."
            )
        try:
            results = accessibility.aggregate(axe, keyboard, measured=options["measured"])
        except (ValueError, KeyError) as error:
            raise CommandError(f"A record could not be read: {error}") from error
        previous = accessibility.load(output)
        if previous and previous.get("audit"):
            results["audit"] = previous["audit"]
        output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        figures = ", ".join(
            f"{name} {value['passed']}/{value['checks']}" for name, value in results["checks"].items()
        )
        self.stdout.write(f"Geschreven: {output}: {figures}; problemen: {results['problem_count']}.")
