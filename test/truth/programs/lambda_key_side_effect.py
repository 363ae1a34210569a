seen = []
items = [3, 1, 2]
ordered = sorted(items, key=lambda x: seen.append(x) or x)
print(ordered, seen)
