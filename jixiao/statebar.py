"""The state bar every object page shows at its top: where the object is in its flow, who holds it,
the one next step (the page's primary button) and, when it is locked, why and who can reopen it.

Each area builds its bar from its own states and rules (evaluations.state, accounts.state,
assessment.state); the lock text is the domain's own refusal (frozen_reason / locked_reason), so the
banner and the refusal of a save say the same words. Rendered by templates/state_bar.html.
"""

from dataclasses import dataclass, field


@dataclass
class Stage:
    label: str
    state: str  # "done", "current" or "todo"


@dataclass
class NextStep:
    label: str
    url: str
    # The id of a form on the page that this button submits (提交审核 posts the page's own table), else "".
    form: str = ""
    revision: int | None = None
    # A page to open (GET) rather than a step to post.
    link: bool = False


@dataclass
class StateBar:
    what: str
    status: str
    stages: list[Stage]
    holder: str
    next_step: NextStep | None = None
    # Said when the person has no step to take: whose move it is.
    waiting: str = ""
    lock: str = ""
    last: str = ""
    notes: list[str] = field(default_factory=list)


def stages(labels: list[str], current: int) -> list[Stage]:
    return [Stage(label, "done" if i < current else "current" if i == current else "todo") for i, label in enumerate(labels)]


def person(user) -> str:
    """A person as the pages name them: the full name, else the login."""
    if user is None:
        return "系统"
    return user.get_full_name() or user.get_username()
