xs = list(range(150))
for n in range(0, 150, 3):
    xs.remove(n)
print(len(xs))
