xs = list(range(1000, 1150))
keep = xs
xs.clear()
xs.append(1)
print(len(keep))
