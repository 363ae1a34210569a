xs = list(range(1000, 1150))
last = xs[-1]
first = xs[0]
xs.pop()
print(last, first, len(xs))
