items = [1, 2, 3, 4]
while items:
    last = items[-1]
    del items[-1]
print(last, items)
