# Deadlines entered with `with` and left on every path out of the block, in the same task: a
# return, a break, an exception. Nothing to report.
import asyncio

import anyio


async def fetch(url, attempts):
    for attempt in range(attempts):
        with anyio.move_on_after(0.1) as scope:
            if attempt > 1:
                break
            await anyio.sleep(0)
            if url.endswith("/ok"):
                return attempt
        if scope.cancel_called:
            continue
    with anyio.fail_after(1):
        try:
            raise ValueError(url)
        except ValueError:
            return -1


async def main():
    async with anyio.create_task_group() as tg:
        tg.start_soon(fetch, "http://example.org/ok", 3)
        tg.start_soon(fetch, "http://example.org/bad", 3)


if __name__ == "__main__":
    asyncio.run(main())
