data = [3, 8, 12, 5, 20]
big = any(x > 10 for x in data)
count = sum(1 for x in data if x % 2 == 0)
first = next(x for x in data if x > 6)
print(big, count, first)
