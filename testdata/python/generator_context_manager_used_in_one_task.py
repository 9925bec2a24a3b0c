# The negative of generator_context_manager_finished_in_other_task.py: the same generator-based
# request deadline, entered with `async with` by the handler, and entered and finished by hand
# by a request object whose begin() and finish() both run in the serving task.
import asyncio
from contextlib import asynccontextmanager

import anyio


@asynccontextmanager
async def request_deadline(seconds):
    with anyio.move_on_after(seconds):
        yield


class Request:
    async def begin(self):
        self._deadline = request_deadline(5)
        await self._deadline.__aenter__()

    async def finish(self):
        await self._deadline.__aexit__(None, None, None)


async def handle(path):
    async with request_deadline(1):
        await anyio.sleep(0)
    return path


async def serve_one():
    request = Request()
    await request.begin()
    await handle("/index.html")
    await request.finish()


if __name__ == "__main__":
    asyncio.run(serve_one())
