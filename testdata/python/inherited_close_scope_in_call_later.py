# A base class closes the deadline scope that a subclass entered; the subclass schedules the
# base class's method with loop.call_later, so the exit runs outside the task that entered it.
import asyncio

import anyio


class ScopedWorker:
    def close_scope(self):
        self._scope.__exit__(None, None, None)  # expect: cross-task-exit


class Poller(ScopedWorker):
    def start(self):
        self._scope = anyio.CancelScope()
        self._scope.__enter__()
        loop = asyncio.get_running_loop()
        loop.call_later(0.01, self.close_scope)


async def poll_once():
    poller = Poller()
    poller.start()
    await asyncio.sleep(0.05)


if __name__ == "__main__":
    asyncio.run(poll_once())
