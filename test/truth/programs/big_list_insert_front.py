xs = list(range(105))
xs.insert(0, -1)
xs.insert(0, -2)
print(xs[:3], len(xs))
