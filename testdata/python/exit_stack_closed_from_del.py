# A session enters a deadline scope on its ExitStack when it is created and closes the stack in
# __del__: the finalizer runs in whichever task drops the last reference (here a worker task),
# not in the task that entered the scope.
import gc
from contextlib import ExitStack

import anyio


class Session:
    def __init__(self, timeout):
        self._stack = ExitStack()
        self.deadline = self._stack.enter_context(anyio.move_on_after(timeout))

    def __del__(self):
        self._stack.close()  # expect: cross-task-exit {{exit stack 'self._stack' is closed in thread 'exit_stack_closed_from_del.Session.__del__'}}


async def use_session(holder):
    session = holder.pop()
    await anyio.sleep(0)
    del session
    gc.collect()


async def main():
    holder = [Session(30)]
    async with anyio.create_task_group() as tg:
        tg.start_soon(use_session, holder)


if __name__ == "__main__":
    anyio.run(main)
