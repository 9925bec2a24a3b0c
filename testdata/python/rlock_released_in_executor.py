# A lock acquired on the event loop's thread is released by a job handed to the default
# executor, which runs on one of its worker threads.
import asyncio
import threading

registry_lock = threading.RLock()


def finish_registration(lock):
    lock.release()  # expect: cross-task-exit {{reentrant lock 'registry_lock' is released in thread}}


async def register():
    registry_lock.acquire()
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, finish_registration, registry_lock)


if __name__ == "__main__":
    asyncio.run(register())
