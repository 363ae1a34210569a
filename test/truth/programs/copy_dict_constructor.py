a = {"x": 1}
b = dict(a)
b["y"] = 2
print(a, b)
