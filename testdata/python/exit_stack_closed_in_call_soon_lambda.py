# Deferred cleanup: shutdown schedules the exit stack's close in a loop callback through a
# lambda; the callback runs outside the task that entered the deadline on the stack.
import asyncio
from contextlib import ExitStack

import anyio


def schedule_shutdown(stack):
    loop = asyncio.get_running_loop()
    loop.call_soon(lambda: stack.close())  # expect: cross-task-exit {{exit stack 'stack' is closed in task}}


async def main():
    stack = ExitStack()
    stack.enter_context(anyio.move_on_after(10))
    schedule_shutdown(stack)
    await asyncio.sleep(0.01)


if __name__ == "__main__":
    asyncio.run(main())
