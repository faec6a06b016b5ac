import unittest

from meeting_summarizer.transcript import Turn, parse


class ParseTests(unittest.TestCase):
    def test_timestamps_speakers_and_continuations(self):
        turns = parse([
            "Weekly sync\n",
            "[09:00] Maya: Hello all.\n",
            "  and welcome back.\n",
            "\n",
            "Jon: Thanks.\n",
        ])
        self.assertEqual(turns, [
            Turn("Maya", "Hello all. and welcome back.", "09:00"),
            Turn("Jon", "Thanks.", None),
        ])

    def test_no_turns(self):
        self.assertEqual(parse(["just some notes", "without speakers"]), [])


if __name__ == "__main__":
    unittest.main()
