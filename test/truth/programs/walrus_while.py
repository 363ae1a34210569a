values = [4, 8, 15, 16]
it = iter(values)
total = 0
while (v := next(it, None)) is not None:
    total += v
print(total)
