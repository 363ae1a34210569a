point = (3, 4)
x, y = point
dist2 = x * x + y * y
print(dist2)
