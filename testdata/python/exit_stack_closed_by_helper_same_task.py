# The stack is entered and closed in the same task, through helpers: nothing to report.
import asyncio
from contextlib import AsyncExitStack

import anyio


async def open_resources(stack):
    tg = await stack.enter_async_context(anyio.create_task_group())
    return tg


async def release_resources(stack):
    await stack.aclose()


async def serve(requests):
    stack = AsyncExitStack()
    tg = await open_resources(stack)
    for request in requests:
        tg.start_soon(handle, request)
    await release_resources(stack)


async def handle(request):
    await anyio.sleep(0)
    return request * 2


if __name__ == "__main__":
    asyncio.run(serve([1, 2, 3]))
