values = [5, 3, 5, 1, 3, 9]
unique = sorted(set(values))
print(unique)
