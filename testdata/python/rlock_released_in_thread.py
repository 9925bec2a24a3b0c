# The cache lock is taken by the main thread and released by the flusher thread it starts:
# threading.RLock is owned by the thread that acquired it ("cannot release un-acquired lock").
import threading


class Cache:
    def __init__(self):
        self.lock = threading.RLock()
        self.entries = {}


def flush(cache):
    cache.entries.clear()
    cache.lock.release()  # expect: cross-task-exit {{released in thread 'rlock_released_in_thread.flush'}}


def main():
    cache = Cache()
    cache.lock.acquire()
    cache.entries["k"] = "v"
    flusher = threading.Thread(target=flush, args=(cache,))
    flusher.start()
    flusher.join()


if __name__ == "__main__":
    main()
