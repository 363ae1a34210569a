"""Doorbells: how the tracer calls the host at every callback without Pyodide's proxies.

A call through a JavaScript proxy converts each argument and the result, about a
microsecond each time, twice a step. Instead the host puts a function of its own in the
`tp_hash` slot of each bell's class, for the length of a run: `hash(SNAP)` runs it, with
the arguments and answers in BOX, an array in the interpreter's memory that both sides
read in place. Outside a run (or with a host that has no bells) the tracer never rings.

The classes cannot be changed, subclassed or taken on by another object (the host marks
them immutable and final), so a program cannot put Python code of its own in their slot.
"""

from array import array


class _SnapBell:
    """hash(SNAP): which watched objects died since the last callback."""
    __slots__ = ()


class _TrackBell:
    """hash(TRACK): watch the (address, type id) pairs in BOX, and take the progress."""
    __slots__ = ()


SNAP = _SnapBell()
TRACK = _TrackBell()

# BOX[0]: how many pairs follow (track) or how many dead addresses follow (snap's MANY)
BOX_SIZE = 64
BOX = array("q", bytes(8 * BOX_SIZE))
# the pairs a TRACK ring carries at most: BOX[1 : 1 + 2 * TRACK_PAIRS]
TRACK_PAIRS = 29
# BOX[PROGRESS]: 1 when the next two hold the steps so far and the line (the sandbox's progress)
PROGRESS = 60

# snap's answers besides 0 (nothing died) and an address (one died)
MANY = -2   # the dead addresses are in BOX, after their count
ASK = -3    # more than BOX holds: ask through the host's snap function

SNAP_TYPE_ID = id(_SnapBell)
TRACK_TYPE_ID = id(_TrackBell)
BOX_ADDRESS = BOX.buffer_info()[0]
