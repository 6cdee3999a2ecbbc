"""The one place newsquiz asks what time it is, so tests (and NEWSQUIZ_NOW) can fix it."""

from __future__ import annotations

import os
from datetime import datetime, timezone

NOW_ENV = "NEWSQUIZ_NOW"


def now() -> datetime:
    """The current moment in UTC, or $NEWSQUIZ_NOW (an ISO date-time) when it is set."""
    fixed = os.environ.get(NOW_ENV, "").strip()
    if fixed:
        from .errors import UsageError

        try:
            moment = datetime.fromisoformat(fixed.replace("Z", "+00:00"))
        except ValueError:
            raise UsageError(f"{NOW_ENV}='{fixed}' is not an ISO date-time") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc)
    return datetime.now(timezone.utc)
