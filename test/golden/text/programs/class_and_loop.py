class Box:
    size = 2


total = 0
for n in [1, 2]:
    total += n
print(total)
