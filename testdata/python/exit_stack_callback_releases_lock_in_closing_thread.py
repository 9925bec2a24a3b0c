# A plugin loader holds the registry lock while plugins register and pushes its release on the
# loader's ExitStack as a plain callback. The stack is closed by a shutdown thread: the close
# runs the callback there, so the reentrant lock is released by a thread that does not own it
# (RuntimeError: cannot release un-acquired lock).
import threading
from contextlib import ExitStack

_registry_lock = threading.RLock()
_registry = {}


def unlock_registry():
    _registry_lock.release()  # expect: cross-task-exit {{reentrant lock}}


def load_plugins(stack: ExitStack, names):
    _registry_lock.acquire()
    stack.callback(unlock_registry)
    for name in names:
        _registry[name] = object()


def shutdown(stack: ExitStack):
    stack.close()


def main():
    stack = ExitStack()
    load_plugins(stack, ["auth", "metrics"])
    closer = threading.Thread(target=shutdown, args=(stack,))
    closer.start()
    closer.join()


if __name__ == "__main__":
    main()
