a = b = {}
a["x"] = [1]
b["y"] = a["x"]
b["y"].append(2)
print(a)
