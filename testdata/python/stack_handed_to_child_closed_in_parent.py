# The parent enters its contexts, hands the stack to a child task that only registers a plain
# callback-free lookup, awaits the child, and closes the stack itself: nothing to report.
import asyncio
from contextlib import AsyncExitStack

import anyio


async def inspect_stack(stack, seen):
    seen.append(stack is not None)
    await asyncio.sleep(0)


async def main():
    seen = []
    stack = AsyncExitStack()
    await stack.enter_async_context(anyio.create_task_group())
    child = asyncio.create_task(inspect_stack(stack, seen))
    await child
    await stack.aclose()


if __name__ == "__main__":
    asyncio.run(main())
