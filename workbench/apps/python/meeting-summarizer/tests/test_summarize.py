import unittest

from meeting_summarizer.render import render
from meeting_summarizer.summarize import sentences, summarize
from meeting_summarizer.transcript import Turn

TURNS = [
    Turn("Maya", "The release is on Monday. We decided to ship both apps together."),
    Turn("Jon", "The release checklist is late. Nice weather today."),
    Turn("Priya", "I will update the release checklist. Action item for Jon: fix the login bug."),
]


class SummarizeTests(unittest.TestCase):
    def test_sentences(self):
        self.assertEqual(sentences("One. Two? Three!"), ["One.", "Two?", "Three!"])

    def test_key_points_keep_transcript_order(self):
        summary = summarize(TURNS, max_sentences=2)
        self.assertEqual(summary.key_points, [
            "The release is on Monday.",
            "The release checklist is late.",
        ])

    def test_decisions_action_items_and_speakers(self):
        summary = summarize(TURNS)
        self.assertEqual(summary.decisions, ["We decided to ship both apps together."])
        self.assertEqual(summary.action_items, [
            ("Priya", "I will update the release checklist."),
            ("Jon", "Action item for Jon: fix the login bug."),
        ])
        self.assertEqual(summary.speakers, {"Maya": 12, "Jon": 8, "Priya": 14})

    def test_invalid_length(self):
        with self.assertRaises(ValueError):
            summarize(TURNS, max_sentences=0)

    def test_markdown_rendering(self):
        text = render(summarize(TURNS, 1), "markdown")
        self.assertTrue(text.startswith("# Meeting summary\n"))
        self.assertIn("## Action items\n- Priya: I will update the release checklist.\n", text)


if __name__ == "__main__":
    unittest.main()
