# A plugin registry hands out its entries through a @contextmanager generator that holds the
# registry's reentrant lock around its yield. The loader enters it on the main thread and a
# finisher thread exits it, so the lock is released by a thread that does not own it
# (RuntimeError: cannot release un-acquired lock).
import threading
from contextlib import contextmanager

_registry_lock = threading.RLock()
_registry = {"auth": object()}


@contextmanager
def locked_registry():
    with _registry_lock:  # expect: cross-task-exit {{reentrant lock '_registry_lock'}}
        yield _registry


class Loader:
    def begin(self):
        self._view = locked_registry()
        return self._view.__enter__()

    def finish(self):
        self._view.__exit__(None, None, None)


def main():
    loader = Loader()
    entries = loader.begin()
    print("plugins:", ", ".join(entries))
    finisher = threading.Thread(target=loader.finish)
    finisher.start()
    finisher.join()


if __name__ == "__main__":
    main()
