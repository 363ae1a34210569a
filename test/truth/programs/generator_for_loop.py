def evens(limit):
    n = 0
    while n < limit:
        yield n
        n += 2

total = 0
for e in evens(10):
    total += e
print(total)
