a = [1, 2, 3]
b = list(a)
b[0] = 100
print(a, b)
