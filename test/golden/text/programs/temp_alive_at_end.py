total = 0
for x in list(range(1000)):
    total += x
print(total)
