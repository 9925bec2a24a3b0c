# The negative of inherited_close_scope_in_call_later.py: the base class's close_scope() exits the
# deadline scope the subclass entered, but the subclass calls it from the same task, after its
# poll, instead of scheduling it with loop.call_later.
import asyncio

import anyio


class ScopedWorker:
    def close_scope(self):
        self._scope.__exit__(None, None, None)


class Poller(ScopedWorker):
    def start(self):
        self._scope = anyio.CancelScope()
        self._scope.__enter__()

    async def poll(self):
        await asyncio.sleep(0.01)
        self.close_scope()


async def poll_once():
    poller = Poller()
    poller.start()
    await poller.poll()


if __name__ == "__main__":
    asyncio.run(poll_once())
