"""The contract's vocabularies, in the seed's words, with the labels readers see."""

APPROACHES = {
    "informing": "Informing",
    "consulting": "Consulting",
    "engaging": "Engaging",
    "co-designing": "Co-designing",
    "co-producing": "Co-producing",
}
"""A spectrum, not a ranking: "no best way, it's quality and results that count"."""

MOTIVES = {
    "benefits-participants": "It's good for the people involved",
    "improves-services": "It can improve decisions and services",
    "right-to-a-say": "People should have a say",
}

ACTIVITY_STATUSES = {
    "planned": "Planned",
    "open": "Open",
    "in-progress": "In progress",
    "completed": "Completed",
    "paused": "Paused",
    "cancelled": "Cancelled",
}

RESPONSE_STATUSES = {
    "considering": "Considering",
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done",
    "partly-done": "Partly done",
    "referred": "Referred",
    "not-doing": "Not doing",
}
AWAITING = "awaiting"
"""The status shown for feedback that has no response yet (not a value content may use)."""
AWAITING_LABEL = "Awaiting response"

CLOSED_RESPONSE_STATUSES = ("done", "partly-done", "referred", "not-doing")
"""Statuses where the organisation has given its answer; the others are still open."""

DATA_TYPES = {
    "user": "User",
    "engagement": "Engagement",
    "feedback": "Feedback",
    "outcome": "Outcomes",
    "impact": "Impact",
}

DATA_TYPE_QUESTIONS = {
    "user": ("The characteristics of the service users you aim to reach",
             ["Is the service effective at reaching the target group?",
              "What else is going on in their lives that might affect their engagement, outcomes, impact?"]),
    "engagement": ("The extent to which people use the service: how often and for how long",
                   ["Is the service effective at retaining the target group and delivering the intended "
                    "service with them?"]),
    "feedback": ("What the service should be like for service users, and how they choose to engage with it",
                 ["What do users say about the service?",
                  "What are they thinking, feeling, saying and doing whilst using the service?",
                  "What is the quality like? Can it be improved?"]),
    "outcome": ("Short-term changes or benefits your users may get from the service (e.g. changes in knowledge, "
                "attitudes and behaviour)",
                ["In what ways do people appear to benefit from the service?",
                 "Do they start to make the positive changes you intend?"]),
    "impact": ("The long-term change that you want service users to achieve for themselves",
               ["Is positive change sustained?", "Does it lead to more tangible effects?",
                "Can you attribute this change to your service?"]),
}

ANSWERS = {
    "met": "Met",
    "partly": "Partly met",
    "not-met": "Not met",
    "not-applicable": "Not applicable",
}
NOT_ASSESSED = "not-assessed"
NOT_ASSESSED_LABEL = "Not assessed"

PLACEHOLDER = "TO FILL IN:"
"""Start of every placeholder text a skeleton (``mic new``, ``mic init``) holds; ``mic diff`` reports texts that
still contain it."""
