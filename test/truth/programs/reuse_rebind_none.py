x = [1, 2]
x = None
y = [3]
print(x, y)
