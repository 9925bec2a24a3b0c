# asyncio.Lock is not owned by a task: one task may acquire it and another release it (a
# hand-off). Only owner-bound scopes are reported, so nothing here.
import asyncio


async def release_later(lock):
    await asyncio.sleep(0)
    lock.release()


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    releaser = asyncio.create_task(release_later(lock))
    await releaser
    async with lock:
        pass


if __name__ == "__main__":
    asyncio.run(main())
