# A watchdog enters a deadline scope for the current request and schedules its expiry with
# loop.call_later: the callback runs outside the task that entered the scope.
import asyncio

import anyio


class Watchdog:
    def __init__(self, seconds):
        self.seconds = seconds
        self._scope = anyio.CancelScope()

    def arm(self):
        self._scope.__enter__()
        loop = asyncio.get_running_loop()
        loop.call_later(0.01, self._expire)

    def _expire(self):
        self._scope.__exit__(None, None, None)  # expect: cross-task-exit {{anyio cancel scope}}


async def handle_request():
    watchdog = Watchdog(5)
    watchdog.arm()
    await asyncio.sleep(0.05)


if __name__ == "__main__":
    asyncio.run(handle_request())
