# A resource manager: the client enters its task group in __aenter__ and exits it in close();
# the application calls close() from a task of its own task group, so the task group's cancel
# scope is exited in another task than the one that entered it.
import anyio


class StreamClient:
    def __init__(self, name):
        self.name = name
        self._tg = anyio.create_task_group()

    async def __aenter__(self):
        await self._tg.__aenter__()
        self._tg.start_soon(self._heartbeat)
        return self

    async def _heartbeat(self):
        await anyio.sleep(0)

    async def close(self):
        await self._tg.__aexit__(None, None, None)  # expect: cross-task-exit {{anyio task group}}


async def main():
    client = StreamClient("feed")
    await client.__aenter__()
    async with anyio.create_task_group() as tg:
        tg.start_soon(client.close)


if __name__ == "__main__":
    anyio.run(main)
