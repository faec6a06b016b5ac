import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

from meeting_summarizer.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "samples", "standup.txt")


def run(argv, env=None):
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, env or {}, clear=False), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


class CliTests(unittest.TestCase):
    def test_summarizes_the_sample_as_json(self):
        code, out, _ = run([SAMPLE, "--format", "json", "--sentences", "2"])
        self.assertEqual(code, 0)
        data = json.loads(out)
        self.assertEqual(len(data["key_points"]), 2)
        self.assertIn({"owner": "Sam", "item": "I will review the pricing page copy today and send comments to Maya."},
                      data["action_items"])
        self.assertEqual(data["speakers"]["Maya"], 47)

    def test_defaults_come_from_the_environment(self):
        code, out, _ = run([SAMPLE], env={"SUMMARY_FORMAT": "markdown", "SUMMARY_SENTENCES": "1"})
        self.assertEqual(code, 0)
        self.assertTrue(out.startswith("# Meeting summary"))
        key_points = out.split("## Key points\n")[1].split("\n\n")[0]
        self.assertEqual(len(key_points.splitlines()), 1)

    def test_writes_an_output_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, "out", "summary.txt")
            code, out, _ = run([SAMPLE, "-o", target])
            self.assertEqual(code, 0)
            self.assertIn("wrote", out)
            with open(target, encoding="utf-8") as f:
                self.assertIn("Action items:", f.read())

    def test_errors(self):
        code, _, err = run([os.path.join(ROOT, "no-such-file.txt")])
        self.assertEqual(code, 1)
        self.assertIn("cannot read", err)
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("no speakers here\n")
        try:
            code, _, err = run([f.name])
            self.assertEqual((code, "no speaker turns" in err), (1, True))
        finally:
            os.unlink(f.name)
        self.assertEqual(run([SAMPLE, "-n", "0"])[0], 2)

    def test_entry_point_reads_stdin(self):
        with open(SAMPLE, encoding="utf-8") as f:
            proc = subprocess.run([sys.executable, os.path.join(ROOT, "summarize.py"), "-"], stdin=f,
                                  capture_output=True, text=True, cwd=ROOT, check=False)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("Decisions:", proc.stdout)


if __name__ == "__main__":
    unittest.main()
