a = [1, 2]
b = [3]
temp = a
a = b
b = temp
del temp
print(a, b)
