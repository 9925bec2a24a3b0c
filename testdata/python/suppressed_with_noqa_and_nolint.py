# Two known cross-task exits, each silenced on its own line: with ruff's noqa comment and with
# clang-tidy's NOLINT. A noqa comment that silences nothing is reported.
import asyncio
from contextlib import AsyncExitStack

import anyio


async def close_in_background(stack):
    await stack.aclose()  # noqa: cross-task-exit -- closed after the owner stopped using it


async def close_on_shutdown(stack):
    await stack.aclose()  # NOLINT(cross-task-exit): the same, written for clang-tidy users


async def tick():
    await anyio.sleep(0)


async def main():
    first = AsyncExitStack()
    second = AsyncExitStack()
    tg = await first.enter_async_context(anyio.create_task_group())
    tg.start_soon(tick)
    await second.enter_async_context(anyio.create_task_group())
    await asyncio.sleep(0)  # noqa: cross-task-exit # expect: unused-suppression {{noqa: cross-task-exit}}
    await asyncio.gather(close_in_background(first), close_on_shutdown(second))


if __name__ == "__main__":
    asyncio.run(main())
