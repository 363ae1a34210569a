a = {1, 2, 3, 4}
b = {3, 4, 5}
u = a | b
i = a & b
a -= b
a.add(10)
print(sorted(u), sorted(i), sorted(a))
