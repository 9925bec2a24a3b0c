# The negative of client_connected_and_cleaned_up_by_two_run_until_complete.py: the tool runs
# one coroutine with loop.run_until_complete() that connects, does its work and cleans up, so
# the task group is entered and exited in the same task.
import asyncio
from contextlib import AsyncExitStack

import anyio


class ToolClient:
    def __init__(self, command):
        self.command = command
        self._stack = AsyncExitStack()

    async def connect(self):
        self._tg = await self._stack.enter_async_context(anyio.create_task_group())

    async def cleanup(self):
        await self._stack.aclose()


async def run_tool(client: ToolClient):
    await client.connect()
    try:
        await anyio.sleep(0)
    finally:
        await client.cleanup()


def main():
    loop = asyncio.new_event_loop()
    client = ToolClient("server.py")
    loop.run_until_complete(run_tool(client))
    loop.close()


if __name__ == "__main__":
    main()
