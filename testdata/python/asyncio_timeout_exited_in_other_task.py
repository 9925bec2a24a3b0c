# A request handler enters an asyncio deadline and lets a helper task leave it. The deadline
# cancels the task that entered it, but its exit runs in the helper: the handler never gets its
# TimeoutError, and the cancellation escapes as a bare CancelledError.
import asyncio


async def release_deadline(deadline):
    await asyncio.sleep(0.05)
    await deadline.__aexit__(None, None, None)  # expect: cross-task-exit {{asyncio timeout 'deadline' is exited in task}}


async def handle_request():
    deadline = asyncio.timeout(0.01)
    await deadline.__aenter__()
    helper = asyncio.create_task(release_deadline(deadline))
    try:
        await asyncio.sleep(0.1)
    finally:
        await helper


if __name__ == "__main__":
    asyncio.run(handle_request())
