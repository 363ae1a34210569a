# module names bound in ways a line's syntax does not always show
g = globals()
for i in range(5):
    g["v%d" % i] = i * 1000
g["v2"] = "changed"
exec("w = v1 + 1")
exec("v3 = 'again'")
globals().update({"u": [1, 2]})
vars()["t"] = (3, 4)
del g["v0"]
print(v1, v2, v3, w, u, t)
counter = 0

def bump():
    global counter, made
    counter += 1
    made = [counter] * 3

bump()
bump()
print(counter, made)
