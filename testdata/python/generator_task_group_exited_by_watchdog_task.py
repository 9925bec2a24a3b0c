# A connection pool written as a generator-based async context manager: its task group (which
# runs the keep-alive pinger) is entered before the yield and exited after it. The pool is opened
# by the application task but closed by a watchdog task started with asyncio.create_task, so the
# task group's cancel scope is exited in a different task than it was entered in.
import asyncio
from contextlib import asynccontextmanager

import anyio


async def ping_forever(pool):
    await anyio.sleep(0)


@asynccontextmanager
async def open_pool(size):
    pool = {"size": size}
    async with anyio.create_task_group() as tg:  # expect: cross-task-exit {{anyio task group}}
        tg.start_soon(ping_forever, pool)
        yield pool


class Application:
    async def start(self):
        self._pool_cm = open_pool(4)
        self.pool = await self._pool_cm.__aenter__()

    async def stop(self):
        await self._pool_cm.__aexit__(None, None, None)


async def watchdog(app: Application):
    await anyio.sleep(0.01)
    await app.stop()


async def main():
    app = Application()
    await app.start()
    await asyncio.create_task(watchdog(app))


if __name__ == "__main__":
    asyncio.run(main())
