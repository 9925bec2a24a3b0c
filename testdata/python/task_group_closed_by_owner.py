# The same client, closed by the task that opened it after its workers are done: nothing to
# report.
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
        await self._tg.__aexit__(None, None, None)


async def poll(client):
    await anyio.sleep(0)
    return client.name


async def main():
    client = StreamClient("feed")
    await client.__aenter__()
    async with anyio.create_task_group() as tg:
        tg.start_soon(poll, client)
    await client.close()


if __name__ == "__main__":
    anyio.run(main)
