"""The pages of one item cost the same number of queries however much they show, and a page seen
before costs only what every page costs.

Each test counts the queries of a page that shows a little (one theme, two pilots that used the
item...), gives it a lot more, and expects the same count with its cached fragments made stale
(``QueryCountTestCase.warm_up``). Then it counts a second request, with the fragments warm: that
one runs no query for what the page shows, only those of the site's shell (the site, the route,
the view restrictions), and is pinned to the count of a plain standard page. A meeting open for
registration is the one exception: its form is this visitor's own and never cached.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import StandardPage
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    PilotPageFactory,
    SubsidyPageFactory,
    ThemePageFactory,
)
from tests.utils import listed, soup

from .test_query_counts import QueryCountTestCase


class DetailQueryCountTests(QueryCountTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.standard_page = cls.tree.home.add_child(
            instance=StandardPage(title="Over ons", slug="over", introduction="Wie we zijn.")
        )

    def themes(self, count):
        """``count`` themes: those of the tree first, then new ones (the same ones every call)."""
        if not hasattr(self, "_themes"):
            self._themes = list(self.tree.themes.values())
        while len(self._themes) < count:
            self._themes.append(ThemePageFactory(parent=self.tree.theme_index))
        return self._themes[:count]

    def warm_queries(self, url):
        """The queries of a request right after another one: every cached fragment is warm."""
        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def shell_queries(self):
        """What a warm page of the site costs without anything of its own: a standard page."""
        return self.warm_queries(self.standard_page.url)

    def check(self, page, grow):
        """Cold: as many queries after ``grow()`` as before. Warm: only the shell's."""
        url = page.url
        few = self.queries_for(url)
        grown = grow()
        response = self.assertSameQueries(url, few)
        self.assertEqual(self.warm_queries(url), self.shell_queries())
        return response, grown

    def test_knowledge_item(self):
        item = KnowledgeItemPageFactory(
            parent=self.tree.knowledge_index, organisation=self.organisation, themes=self.themes(1)
        )
        for _ in range(2):
            PilotPageFactory(parent=self.tree.pilot_index, methods_used=[item])

        def grow():
            item.themes.set(self.themes(6))
            item.save_revision().publish()
            return [PilotPageFactory(parent=self.tree.pilot_index, methods_used=[item]) for _ in range(15)]

        response, pilots = self.check(item, grow)

        self.assertEqual(len(listed(response, pilots)), 15)
        self.assertEqual(len(listed(response, self.themes(6))), 6)

    def test_pilot(self):
        pilot = PilotPageFactory(parent=self.tree.pilot_index, organisation=self.organisation)
        pilot.methods_used.set([KnowledgeItemPageFactory(parent=self.tree.knowledge_index) for _ in range(2)])
        pilot.themes.set(self.themes(1))
        pilot.save_revision().publish()

        def grow():
            methods = [KnowledgeItemPageFactory(parent=self.tree.knowledge_index) for _ in range(15)]
            pilot.methods_used.set(methods)
            pilot.themes.set(self.themes(6))
            pilot.save_revision().publish()
            return methods

        response, methods = self.check(pilot, grow)

        self.assertEqual(len(listed(response, methods)), 15)
        self.assertEqual(len(listed(response, self.themes(6))), 6)

    def test_news_item(self):
        news = NewsPageFactory(
            parent=self.tree.news_index, organisation=self.organisation, themes=self.themes(1)
        )
        # Enough others on its theme to fill "Lees ook" from the start (search.related runs a
        # query or two more while themes alone can't fill it).
        for _ in range(6):
            NewsPageFactory(parent=self.tree.news_index, themes=self.themes(1))

        def grow():
            news.themes.set(self.themes(6))
            news.save_revision().publish()
            # Many more news items on its themes: candidates for "Lees ook".
            return [NewsPageFactory(parent=self.tree.news_index, themes=self.themes(6)) for _ in range(20)]

        response, _others = self.check(news, grow)

        self.assertEqual(len(listed(response, self.themes(6))), 6)

    def test_subsidy(self):
        subsidy = SubsidyPageFactory(parent=self.tree.subsidy_index)

        def grow():
            return [SubsidyPageFactory(parent=self.tree.subsidy_index) for _ in range(20)]

        self.check(subsidy, grow)

    def test_past_meeting(self):
        meeting = MeetingPageFactory(parent=self.tree.meeting_index, days=-30, themes=self.themes(1))

        def grow():
            meeting.themes.set(self.themes(6))
            meeting.save_revision().publish()
            # Every meeting's moments are part of the clock (core.clock): many more of them.
            return [MeetingPageFactory(parent=self.tree.meeting_index) for _ in range(20)]

        response, _others = self.check(meeting, grow)

        self.assertEqual(len(listed(response, self.themes(6))), 6)

    def test_meeting_open_for_registration(self):
        # The form is never cached: a warm page costs the shell and the form's own queries, the
        # same with one theme and few other meetings as with six and many.
        meeting = MeetingPageFactory(parent=self.tree.meeting_index, capacity=20, themes=self.themes(1))
        few_cold = self.queries_for(meeting.url)
        few_warm = self.warm_queries(meeting.url)

        meeting.themes.set(self.themes(6))
        meeting.save_revision().publish()
        for _ in range(20):
            MeetingPageFactory(parent=self.tree.meeting_index)

        response = self.assertSameQueries(meeting.url, few_cold)
        self.assertEqual(self.warm_queries(meeting.url), few_warm)
        self.assertLess(few_warm, few_cold)
        self.assertEqual(len(listed(response, self.themes(6))), 6)
        self.assertIsNotNone(soup(response).find("input", attrs={"name": "csrfmiddlewaretoken"}))
