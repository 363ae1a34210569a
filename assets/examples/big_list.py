# A list grows in steps: its capacity runs ahead of its length.
items = []
for i in range(10):
    items.append(i)
half = items[:5]
print(len(items), len(half))
