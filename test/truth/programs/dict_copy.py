original = {"a": [1, 2], "b": 3}
shallow = original.copy()
shallow["b"] = 4
shallow["a"].append(3)
print(original, shallow)
