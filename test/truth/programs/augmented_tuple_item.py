t = (1, [2])
inner = t[1]
try:
    t[1] += [3]
except TypeError:
    pass
print(inner)
