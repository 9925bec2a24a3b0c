# The negative of registry_lock_generator_finished_in_thread.py: the loader enters and finishes
# the locked registry view on the main thread; a worker thread only formats the entries it was
# given.
import threading
from contextlib import contextmanager

_registry_lock = threading.RLock()
_registry = {"auth": object()}


@contextmanager
def locked_registry():
    with _registry_lock:
        yield _registry


def show(names):
    print("plugins:", ", ".join(names))


def main():
    with locked_registry() as entries:
        names = sorted(entries)
    worker = threading.Thread(target=show, args=(names,))
    worker.start()
    worker.join()


if __name__ == "__main__":
    main()
