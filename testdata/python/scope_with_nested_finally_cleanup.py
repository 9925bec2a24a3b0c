# A condition-style wait inside a cancel scope returns from an inner try/finally, and the outer
# finally re-acquires the lock in a retry loop (try/break/except inside while), the shape of
# asyncio's Condition.wait: every way out exits the scope in the waiting task, so there is
# nothing to report. (Copying these finally bodies onto the return once overwrote the cleanups
# around them and crashed the frontend on asyncio/locks.py.)
import asyncio

import anyio


class Waiter:
    def __init__(self):
        self.lock = asyncio.Lock()
        self.waiters = []

    async def wait(self):
        with anyio.CancelScope():
            self.lock.release()
            try:
                fut = asyncio.get_running_loop().create_future()
                fut.set_result(True)
                self.waiters.append(fut)
                try:
                    await fut
                    return True
                finally:
                    self.waiters.remove(fut)
            finally:
                cancelled = False
                while True:
                    try:
                        await self.lock.acquire()
                        break
                    except asyncio.CancelledError:
                        cancelled = True
                if cancelled:
                    raise asyncio.CancelledError


async def main():
    waiter = Waiter()
    await waiter.lock.acquire()
    print("woken:", await waiter.wait())


if __name__ == "__main__":
    asyncio.run(main())
