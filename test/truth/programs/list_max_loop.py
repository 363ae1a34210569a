temps = [12, 18, 9, 22, 15]
best = temps[0]
for t in temps:
    if t > best:
        best = t
print(best)
