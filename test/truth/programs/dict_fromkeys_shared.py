keys = ["a", "b"]
d = dict.fromkeys(keys, [])
first = d["a"]
d["a"].append(1)
print(d, first)
