"""A kept session's older objects: what its namespace already held when a run begins.

Those objects were made by an earlier run, not by this one: the trace marks them with
origin "earlier", never with an alloc event. They are remembered as address -> type id
(never by reference: the tracer must not keep a learner's object alive), and an address
is forgotten when the tracer sees its object freed (see changes.Changes._forget), so a new
object that takes the same block is new.
"""

import builtins

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id

# how many older objects are noted, at most: reading them costs the run's start this much
EARLIER_CAP = 200_000
_WALKED = ("sequence", "set", "dict", "instance", "class", "function", "generator", "cell")


def note_earlier(tracer, namespace):
    """Fills tracer.earlier with every object the namespace reaches: its names' values, what
    containers hold, instances' and classes' attributes, functions' defaults and cells."""
    earlier = tracer.earlier
    work = [v for k, v in dict.items(namespace) if k != "__builtins__"]
    while work and len(earlier) < EARLIER_CAP:
        obj = work.pop()
        addr = id(obj)
        if addr in earlier:
            continue
        t = type(obj)
        earlier[addr] = id(t)
        try:
            kind = tracer._kind(obj, t)
            if kind not in _WALKED:
                continue      # a module, a library object or a scalar: nothing of the program's inside
            if kind == "sequence" or kind == "set":
                work.extend(obj)
            elif kind == "dict":
                for k, v in dict.items(obj):
                    work.append(k)
                    work.append(v)
            else:
                work.extend(v for _, v in tracer._named_slots(obj, kind))
        except Exception:
            pass      # an attribute that cannot be read: what it holds is counted as this run's


def record_earlier(tracer, namespace):
    """Records what the kept namespace's names hold before the run's first line: a change a
    line then makes to one of them is told as a change, not as an object first met."""
    site = {"line": 0, "what": ""}     # made by an earlier run: no line of this one
    earlier = tracer.earlier
    for name, value in dict.items(namespace):
        if name.startswith("__") and name.endswith("__"):
            continue
        if earlier.get(id(value)) == id(type(value)):
            tracer.capture(value, site)
            # already bound when the run began: the module's frame starts with this name
            tracer.earlier_names[name] = id(value)
