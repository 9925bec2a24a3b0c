# Every worker task opens its own exit stack, enters a task group on it and closes it before it
# returns: the same code in several tasks, each with its own stack. Nothing to report.
import asyncio
from contextlib import AsyncExitStack

import anyio


async def tick():
    await anyio.sleep(0)


async def worker(job_id):
    stack = AsyncExitStack()
    tg = await stack.enter_async_context(anyio.create_task_group())
    tg.start_soon(tick)
    await stack.aclose()
    return job_id


async def main():
    async with asyncio.TaskGroup() as tg:
        for job_id in range(3):
            tg.create_task(worker(job_id))


if __name__ == "__main__":
    asyncio.run(main())
