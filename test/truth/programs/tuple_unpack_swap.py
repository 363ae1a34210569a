pairs = [(1, "one"), (2, "two"), (3, "three")]
out = []
for n, word in pairs:
    a, b = word, n
    a, b = b, a
    out.append((a, b))
first, *rest = out
print(first, rest)
