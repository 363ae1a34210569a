a = [1, 2, 3]
del a
b = [4, 5]
c = [6]
print(b, c)
