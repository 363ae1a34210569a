s = set(range(300))
s.discard(0)
s.add(1000)
print(len(s))
