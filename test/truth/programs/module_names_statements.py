# every statement that binds a module name
import io, math as m, os.path
from collections import OrderedDict as OD
a, (b, *c) = 1, (2, 3, 4)
if (n := len(c)) > 1:
    print(n)
try:
    1 / 0
except ZeroDivisionError as err:
    kept = str(err)
print(kept, "err" in globals())
with io.StringIO() as fh:
    fh.write("x")
for k, v in [("p", 1), ("q", 2)]:
    pair = (k, v)
total = sum(y for y in [x * 2 for x in range(3)] if (last := y) >= 0)
match {"kind": "point", "x": 1, "y": 2}:
    case {"kind": "point", **rest}:
        captured = rest
    case _:
        captured = None

def deco(f):
    return f

@deco
def f():
    return 1

class K:
    size = 3

del a
print(b, c, pair, total, last, captured, f(), K.size, m.pi > 3, OD is not None)
