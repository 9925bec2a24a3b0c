# A config loader enters a deadline scope and opens the file in one `with` statement written on
# two lines with a backslash, and returns from inside it through a try/finally: the scope is
# exited in the loading task on every way out. (The backslash once made the frontend crash on
# the standard library's runpy.py.)
import os
import tempfile

import anyio


def load_config(path):
    try:
        with anyio.move_on_after(5) as deadline, \
             open(path) as config:
            return deadline.cancel_called, config.read()
    finally:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass


async def main():
    fd, path = tempfile.mkstemp(suffix=".toml")
    os.write(fd, b"workers = 4\n")
    os.close(fd)
    print(load_config(path))


if __name__ == "__main__":
    anyio.run(main)
