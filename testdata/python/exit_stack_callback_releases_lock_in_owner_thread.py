# The negative of exit_stack_callback_releases_lock_in_closing_thread.py: the registry lock's
# release is pushed on the ExitStack the same way, a reporter thread reads the registry, and the
# main thread closes the stack itself, so the lock is released by the thread that acquired it.
import threading
from contextlib import ExitStack

_registry_lock = threading.RLock()
_registry = {}


def unlock_registry():
    _registry_lock.release()


def load_plugins(stack: ExitStack, names):
    _registry_lock.acquire()
    stack.callback(unlock_registry)
    for name in names:
        _registry[name] = object()


def report(names):
    print("plugins:", ", ".join(names))


def main():
    with ExitStack() as stack:
        load_plugins(stack, ["auth", "metrics"])
        reporter = threading.Thread(target=report, args=(sorted(_registry),))
        reporter.start()
        reporter.join()


if __name__ == "__main__":
    main()
