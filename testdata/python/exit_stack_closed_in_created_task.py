# A client keeps its connection's task group on an AsyncExitStack; shutdown hands the stack to a
# background task that closes it, so the task group's cancel scope is exited in another task
# (anyio: "Attempted to exit cancel scope in a different task than it was entered in").
import asyncio
from contextlib import AsyncExitStack

import anyio


async def pump_messages(queue):
    while not queue.empty():
        await queue.get()


async def close_in_background(stack):
    await stack.aclose()  # expect: cross-task-exit {{closed in task 'exit_stack_closed_in_created_task.close_in_background'}}


async def main():
    queue = asyncio.Queue()
    queue.put_nowait("hello")
    stack = AsyncExitStack()
    tg = await stack.enter_async_context(anyio.create_task_group())
    tg.start_soon(pump_messages, queue)
    closer = asyncio.create_task(close_in_background(stack))
    await closer


if __name__ == "__main__":
    asyncio.run(main())
