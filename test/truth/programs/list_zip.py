keys = ["x", "y", "z"]
vals = [1, 2, 3]
pairs = list(zip(keys, vals))
print(pairs)
