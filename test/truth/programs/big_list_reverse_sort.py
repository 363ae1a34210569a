xs = list(range(1000, 1150))
ys = xs
xs.reverse()
first = xs[0]
xs.sort()
print(len(ys), first, xs[0])
