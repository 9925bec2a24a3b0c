# A client wraps a library's transport in an @asynccontextmanager generator (the MCP SDK's
# stdio_client shape): the transport, an async context manager holding a task group, is entered
# around the yield. The application enters the wrapper in its start task and a watchdog task
# finishes it, so the transport is exited in a different task than it was entered in.
import asyncio
from contextlib import asynccontextmanager

import anyio


def open_transport(command):
    return anyio.create_task_group()


@asynccontextmanager
async def connect(command):
    async with open_transport(command) as transport:  # expect: cross-task-exit {{async context manager}}
        yield transport


class Client:
    async def start(self):
        self._conn = connect("server.py")
        self.transport = await self._conn.__aenter__()

    async def stop(self):
        await self._conn.__aexit__(None, None, None)


async def watchdog(client: Client):
    await asyncio.sleep(0)
    await client.stop()


async def main():
    client = Client()
    await client.start()
    await asyncio.create_task(watchdog(client))


if __name__ == "__main__":
    asyncio.run(main())
