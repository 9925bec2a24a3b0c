# The negative of sessions_closed_by_tasks_from_comprehension.py: the same sessions are closed
# by awaiting each close inside a list comprehension, which runs in the main task that opened
# them, so every task group is exited where it was entered.
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
        await self._stack.aclose()
        return self.name


async def close_session(session: Session):
    return await session.close()


async def main():
    db = Session("db")
    cache = Session("cache")
    await db.open()
    await cache.open()
    closed = [await close_session(s) for s in (cache, db)]
    print("closed:", ", ".join(closed))


if __name__ == "__main__":
    asyncio.run(main())
