t = (1, 2, [3])
u = t
t[2].append(4)
print(u)
