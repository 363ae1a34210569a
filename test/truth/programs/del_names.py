a = [1, 2, 3]
b = a
del a
print(b)
c = "text"
del c
