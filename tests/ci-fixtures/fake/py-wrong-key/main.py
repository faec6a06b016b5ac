"""A tiny command-line app for the Wizard CI harness's own tests: once the wizard has
written AMPLITUDE_API_KEY into .env, it sends one event to AMPLITUDE_SERVER_URL."""
import os
import sys

from amplitude import Amplitude, BaseEvent, Config


def load_env(path=".env"):
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return
    for line in lines:
        name, sep, value = line.partition("=")
        if sep and not line.startswith("#"):
            os.environ.setdefault(name.strip(), value.strip())


def main():
    load_env()
    key = os.environ.get("AMPLITUDE_API_KEY")
    if not key:
        print("no key: nothing sent")
        return 0
    client = Amplitude("0123456789abcdef0123456789abcdef", configuration=Config(server_url=os.environ.get("AMPLITUDE_SERVER_URL")))
    client.track(BaseEvent("fixture ran", device_id="fixture-device"))
    client.shutdown()
    print("event sent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
