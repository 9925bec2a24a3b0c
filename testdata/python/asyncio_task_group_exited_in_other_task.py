# A supervisor opens an asyncio task group for its jobs and hands the group to a reaper task
# that exits it. A failing job cancels the task that entered the group, not the reaper that is
# waiting in __aexit__: the supervisor is cancelled behind its back.
import asyncio


async def failing_job():
    await asyncio.sleep(0.01)
    raise ValueError("job failed")


async def reap(group):
    await group.__aexit__(None, None, None)  # expect: cross-task-exit {{asyncio task group 'group' is exited in task}}


async def supervise():
    group = asyncio.TaskGroup()
    await group.__aenter__()
    group.create_task(failing_job())
    reaper = asyncio.create_task(reap(group))
    await asyncio.sleep(0.1)
    await reaper


if __name__ == "__main__":
    asyncio.run(supervise())
