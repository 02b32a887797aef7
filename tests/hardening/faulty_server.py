"""`python -m tests.hardening.faulty_server serve ...`: the real `credits-api` command, with the
plans' service broken by an unexpected exception, so that a test sees a real server process
mask it from the client and log its traceback. (One worker only: the patch lives in this
process. Importing this module patches nothing.)"""

from __future__ import annotations

import cli
from services import plans

SECRET = "secret internal detail: password=hunter2"


async def _broken() -> None:
    raise RuntimeError(SECRET)


if __name__ == "__main__":
    plans.list_plans = _broken  # type: ignore[assignment]
    cli.main()
