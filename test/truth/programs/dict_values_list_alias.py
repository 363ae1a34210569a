scores = {"a": [1], "b": [2]}
first = scores["a"]
for key in scores:
    scores[key].append(0)
print(first)
