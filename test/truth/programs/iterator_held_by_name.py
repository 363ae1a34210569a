xs = [10, 20, 30]
walker = iter(xs)
first = next(walker)
xs.append(40)
rest = list(walker)
print(first, rest)
