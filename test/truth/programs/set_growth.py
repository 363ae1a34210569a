seen = set()
for n in [3, 1, 3, 2, 1, 5]:
    seen.add(n)
print(len(seen), sorted(seen))
