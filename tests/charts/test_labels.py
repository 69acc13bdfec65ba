"""Chart labels: names wrapped into lines of a few characters, cut short with an ellipsis."""

from django.test import SimpleTestCase

from charts.labels import label_lines, label_lines_keeping_end


class LabelLinesTests(SimpleTestCase):
    def test_a_short_name_stays_on_one_line(self):
        self.assertEqual(label_lines("On-call", width=14, max_lines=3), ["On-call"])

    def test_a_name_wraps_at_spaces(self):
        self.assertEqual(
            label_lines("Front-end: HTML, CSS and accessibility", width=14, max_lines=3),
            ["Front-end:", "HTML, CSS and", "accessibility"],
        )

    def test_a_name_longer_than_its_lines_ends_in_an_ellipsis_after_a_whole_word(self):
        self.assertEqual(
            label_lines("Observability and incident response", width=14, max_lines=2),
            ["Observability", "and incident…"],
        )
        self.assertEqual(
            label_lines("Front-end: HTML, CSS and accessibility", width=13, max_lines=2),
            ["Front-end:", "HTML, CSS…"],
        )

    def test_a_word_too_long_for_a_line_is_cut_and_ends_the_label(self):
        self.assertEqual(
            label_lines("Supercalifragilisticexpialidocious skills", width=11, max_lines=3),
            ["Supercalif…"],
        )
        self.assertEqual(
            label_lines("Data Supercalifragilistic", width=8, max_lines=3), ["Data", "Superca…"]
        )


class LabelLinesKeepingEndTests(SimpleTestCase):
    def test_a_name_that_fits_is_wrapped_whole(self):
        self.assertEqual(
            label_lines_keeping_end("Spring review 2026", width=10, max_lines=3),
            ["Spring", "review", "2026"],
        )

    def test_a_name_too_long_loses_words_from_its_middle_and_keeps_its_end(self):
        self.assertEqual(
            label_lines_keeping_end(
                "Software engineering skills — December 2026", width=10, max_lines=3
            ),
            ["Software…", "— December", "2026"],
        )
        self.assertEqual(
            label_lines_keeping_end(
                "Software engineering skills 2026 · 17 Dec 2026", width=12, max_lines=2
            ),
            ["Software…", "17 Dec 2026"],
        )

    def test_on_one_line_a_name_too_long_is_cut_at_its_end(self):
        self.assertEqual(
            label_lines_keeping_end("Software engineering", width=12, max_lines=1), ["Software…"]
        )

    def test_a_word_too_long_for_a_line_is_cut(self):
        self.assertEqual(
            label_lines_keeping_end("Supercalifragilistic 2026", width=8, max_lines=3),
            ["Superca…", "2026"],
        )
        self.assertEqual(
            label_lines_keeping_end("Round Supercalifragilistic", width=8, max_lines=2),
            ["Round…", "Superca…"],
        )
