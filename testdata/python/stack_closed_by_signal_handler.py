# A server enters its listener's task group on an exit stack and registers a SIGTERM handler
# with loop.add_signal_handler that closes the stack. The handler runs as a loop callback,
# outside the task that entered the task group.
import asyncio
import os
import signal
from contextlib import AsyncExitStack

import anyio


class Server:
    def __init__(self):
        self._stack = AsyncExitStack()
        self.stopped = asyncio.Event()

    async def start(self):
        self._tg = await self._stack.enter_async_context(anyio.create_task_group())
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, self.on_sigterm)

    def on_sigterm(self):
        asyncio.ensure_future(self.shutdown())

    async def shutdown(self):
        await self._stack.aclose()  # expect: cross-task-exit {{async exit stack}}
        self.stopped.set()


async def main():
    server = Server()
    await server.start()
    os.kill(os.getpid(), signal.SIGTERM)
    await server.stopped.wait()


if __name__ == "__main__":
    asyncio.run(main())
