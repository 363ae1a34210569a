# Practice 4: a generator hands out one value at a time instead of building a list.
def squares(n):
    for i in range(n):
        yield i * i

as_list = [i * i for i in range(5)]
total = 0
for sq in squares(5):
    total += sq
print(as_list, total)
