xs = list(range(300))
xs[100:] = []
xs[10:20] = [0]
print(len(xs))
