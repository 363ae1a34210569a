table = [[r * c for c in range(3)] for r in range(3)]
print(table)
