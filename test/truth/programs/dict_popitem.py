d = {"x": 1, "y": 2, "z": 3}
key, value = d.popitem()
print(key, value, d)
