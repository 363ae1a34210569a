pairs = []
for i in range(4):
    pairs.append((i, i * i))
print(pairs)
