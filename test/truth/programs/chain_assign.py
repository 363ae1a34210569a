x = y = []
x.append(1)
a = b = c = 300
b += 1
print(x, y, a, b, c, x is y)
