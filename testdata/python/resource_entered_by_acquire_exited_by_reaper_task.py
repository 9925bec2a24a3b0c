# A lease manager holds any async context manager it is given (here a worker's anyio task group,
# in general a client session or a transport from another library): acquire() enters it, and
# a reaper task started with asyncio.create_task exits it when the lease expires. Exiting it in
# the reaper task exits the task group's cancel scope in a task other than the one that entered
# it.
import asyncio

import anyio


class LeaseManager:
    def __init__(self):
        self._held = None

    async def acquire(self, resource):
        self._held = resource
        await self._held.__aenter__()

    async def expire(self):
        await asyncio.sleep(0)
        await self._held.__aexit__(None, None, None)  # expect: cross-task-exit {{async context manager 'self._held'}}


async def main():
    leases = LeaseManager()
    await leases.acquire(anyio.create_task_group())
    reaper = asyncio.create_task(leases.expire())
    await reaper


if __name__ == "__main__":
    asyncio.run(main())
