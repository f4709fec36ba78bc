"""A question about a model's state written once, as a Q of the model's own fields, and asked
three ways: a queryset filters by it, a property evaluates it on one object in Python (holds),
and another model filters by it through its relation (through). So "is this meeting open for
proposals?" has one definition, whether the year overview asks it of every group's meetings in
SQL or the meeting page asks it of one meeting.

Only plain lookups on the model's own fields are understood (exact, in, gt, gte, lt, lte,
isnull), joined with &, | and ~: enough for states and times, and anything else is refused
loudly rather than evaluated wrongly."""

import operator

from django.db.models import Q

_LOOKUPS = {
    "exact": operator.eq,
    "in": lambda value, options: value in options,
    "gt": lambda value, bound: value is not None and value > bound,
    "gte": lambda value, bound: value is not None and value >= bound,
    "lt": lambda value, bound: value is not None and value < bound,
    "lte": lambda value, bound: value is not None and value <= bound,
    "isnull": lambda value, isnull: (value is None) == isnull,
}


def holds(instance, condition: Q) -> bool:
    """Whether the instance, as it is in memory, meets the condition."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(holds(instance, child))
            continue
        lookup, expected = child
        field, _separator, name = lookup.partition("__")
        compare = _LOOKUPS.get(name or "exact")
        if compare is None:
            raise ValueError(
                f"A condition can only use {sorted(_LOOKUPS)} on the model's own fields: {lookup}"
            )
        results.append(compare(getattr(instance, field), expected))
    if condition.connector == Q.AND:
        result = all(results)
    elif condition.connector == Q.OR:
        result = any(results)
    else:
        raise ValueError(f"A condition joins with & and |, not {condition.connector}")
    return result != condition.negated


def through(relation: str, condition: Q) -> Q:
    """The condition asked of a related object: through("meeting", accepting_proposals()) filters
    proposals by their meeting's state."""
    prefixed = Q(
        *(
            through(relation, child) if isinstance(child, Q) else (f"{relation}__{child[0]}", child[1])
            for child in condition.children
        ),
        _connector=condition.connector,
        _negated=condition.negated,
    )
    return prefixed
