a = [1, 2]
b = a
a = a + [3]
print(a, b)
