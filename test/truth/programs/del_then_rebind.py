x = [1, 2]
del x
x = [3, 4]
y = x
del x
print(y)
