xs = [10, 20, 30, 40, 50]
del xs[1]
del xs[-1]
print(xs)
