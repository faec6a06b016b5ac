"""doc
import x
"""
from a import (
  b,
)
def main():
    pass
