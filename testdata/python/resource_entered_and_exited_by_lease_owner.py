# The negative of resource_entered_by_acquire_exited_by_reaper_task.py: the lease manager's
# owner task enters the resource with acquire() and exits it with release() itself, after a
# helper task that only reads the lease has finished.
import asyncio

import anyio


class LeaseManager:
    def __init__(self):
        self._held = None

    async def acquire(self, resource):
        self._held = resource
        await self._held.__aenter__()

    async def release(self):
        await self._held.__aexit__(None, None, None)
        self._held = None

    def describe(self):
        return "holding" if self._held is not None else "idle"


async def report(leases: LeaseManager):
    print("lease:", leases.describe())


async def main():
    leases = LeaseManager()
    await leases.acquire(anyio.create_task_group())
    await asyncio.create_task(report(leases))
    await leases.release()


if __name__ == "__main__":
    asyncio.run(main())
