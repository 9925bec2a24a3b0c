# A request deadline written as a generator-based async context manager: its cancel scope is
# entered before the yield and exited after it. The request enters it in one task and finishes it
# in a task of its own, so the scope is exited in a different task than it was entered in.
import asyncio
from contextlib import asynccontextmanager

import anyio


@asynccontextmanager
async def request_deadline(seconds):
    with anyio.move_on_after(seconds):  # expect: cross-task-exit {{exited in task 'generator_context_manager_finished_in_other_task.Request.finish'}}
        yield


class Request:
    async def begin(self):
        self._deadline = request_deadline(5)
        await self._deadline.__aenter__()

    async def finish(self):
        await self._deadline.__aexit__(None, None, None)


async def serve_one():
    request = Request()
    await request.begin()
    await asyncio.create_task(request.finish())


if __name__ == "__main__":
    asyncio.run(serve_one())
