values = list(range(1000, 1150))
print(len(values), values[0], values[-1])
total = sum(values)
print(total)
