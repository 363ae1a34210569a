xs = list(range(120))
xs.extend(range(200))
xs *= 2
print(len(xs))
