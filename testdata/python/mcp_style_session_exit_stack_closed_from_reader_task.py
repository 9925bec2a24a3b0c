# The MCP SDK shape: a client session enters its transport's task group on an AsyncExitStack in
# connect(); disconnect() closes the stack. A watcher task started with asyncio.create_task
# calls disconnect() when the stream ends, so the task group is exited in the watcher task,
# not in the task that connected.
import asyncio
from contextlib import AsyncExitStack

import anyio


class ClientSession:
    def __init__(self, server):
        self.server = server
        self._exit_stack = AsyncExitStack()
        self._tg = None
        self._watcher = None

    async def connect(self):
        self._tg = await self._exit_stack.enter_async_context(anyio.create_task_group())
        self._tg.start_soon(self._read_loop)
        self._watcher = asyncio.create_task(self._watch_stream())

    async def _read_loop(self):
        await anyio.sleep(0)

    async def _watch_stream(self):
        await anyio.sleep(0.01)
        await self.disconnect()

    async def disconnect(self):
        await self._exit_stack.aclose()  # expect: cross-task-exit {{async exit stack 'self._exit_stack' is closed in task}}


async def main():
    session = ClientSession("stdio")
    await session.connect()
    await session._watcher


if __name__ == "__main__":
    asyncio.run(main())
