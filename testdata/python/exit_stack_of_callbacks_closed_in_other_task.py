# A connection keeps only plain cleanup callbacks on its AsyncExitStack (flush the write buffer,
# release the socket, log): nothing on it belongs to a task. Closing the stack from a background
# task is fine, and anyio raises nothing.
import asyncio
import logging
from contextlib import AsyncExitStack

log = logging.getLogger("conn")


class Connection:
    def __init__(self, host):
        self.host = host
        self.buffer = []
        self._stack = AsyncExitStack()

    async def flush(self):
        self.buffer.clear()

    def release_socket(self, reason):
        log.debug("released %s: %s", self.host, reason)

    async def open(self):
        self._stack.push_async_callback(self.flush)
        self._stack.callback(self.release_socket, "closed")

    async def close(self):
        await self._stack.aclose()


async def close_later(conn: Connection):
    await asyncio.sleep(0)
    await conn.close()


async def main():
    conn = Connection("db.internal")
    await conn.open()
    await asyncio.create_task(close_later(conn))


if __name__ == "__main__":
    asyncio.run(main())
