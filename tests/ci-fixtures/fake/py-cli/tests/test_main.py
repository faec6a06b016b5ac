import unittest

import main


class LoadEnv(unittest.TestCase):
    def test_missing_file_is_fine(self):
        main.load_env("does-not-exist.env")


if __name__ == "__main__":
    unittest.main()
