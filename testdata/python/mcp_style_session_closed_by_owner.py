# The fixed MCP shape: the reader only signals the end of the stream; the task that connected
# waits for the signal and closes the stack itself. Nothing to report.
import asyncio
from contextlib import AsyncExitStack

import anyio


class ClientSession:
    def __init__(self, server):
        self.server = server
        self._exit_stack = AsyncExitStack()
        self._closed = anyio.Event()

    async def connect(self):
        tg = await self._exit_stack.enter_async_context(anyio.create_task_group())
        tg.start_soon(self._read_loop)

    async def _read_loop(self):
        await anyio.sleep(0.01)
        self._closed.set()

    async def run_until_closed(self):
        await self._closed.wait()
        await self._exit_stack.aclose()


async def main():
    session = ClientSession("stdio")
    await session.connect()
    await session.run_until_closed()


if __name__ == "__main__":
    asyncio.run(main())
