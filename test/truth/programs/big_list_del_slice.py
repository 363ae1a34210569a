xs = list(range(300))
del xs[:50]
del xs[200:]
print(len(xs), xs[0], xs[-1])
