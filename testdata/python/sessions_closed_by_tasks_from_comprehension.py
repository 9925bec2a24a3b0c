# Shutdown closes every session from a task of its own, the tasks made in a list comprehension:
# each session's task group was entered on its exit stack by the main task, so each close exits
# a task group in a different task than the one that entered it.
import asyncio
from contextlib import AsyncExitStack

import anyio


class Session:
    def __init__(self, name):
        self.name = name
        self._stack = AsyncExitStack()

    async def open(self):
        self._tg = await self._stack.enter_async_context(anyio.create_task_group())

    async def close(self):
        await self._stack.aclose()  # expect: cross-task-exit {{async exit stack}}


async def close_session(session: Session):
    await session.close()


async def main():
    db = Session("db")
    cache = Session("cache")
    await db.open()
    await cache.open()
    closers = [asyncio.create_task(close_session(s)) for s in (db, cache)]
    await asyncio.gather(*closers)


if __name__ == "__main__":
    asyncio.run(main())
