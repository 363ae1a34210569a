a = [1, 2]
b = [3, 4]
a.extend(b)
a.extend(range(5, 8))
print(a, b)
