xs = [1, 2, 3, 4, 5]
xs[1:3] = [20, 30, 35]
print(xs)
xs[:] = []
print(xs)
