# A command-line tool drives its async client from synchronous code: one
# loop.run_until_complete() connects (entering the transport's task group on the client's exit
# stack), a second one cleans up. Each run_until_complete wraps its coroutine in a task of its
# own, so the task group is exited in a different task than it was entered in.
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
        await self._stack.aclose()  # expect: cross-task-exit {{async exit stack 'self._stack'}}


def main():
    loop = asyncio.new_event_loop()
    client = ToolClient("server.py")
    loop.run_until_complete(client.connect())
    loop.run_until_complete(client.cleanup())
    loop.close()


if __name__ == "__main__":
    main()
