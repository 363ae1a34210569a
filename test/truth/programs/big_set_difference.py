s = set(range(200))
s.difference_update(range(50))
s -= {60, 61}
print(len(s))
