items = []
items.append(1)
items.append(2)
items.append(3)
last = items.pop()
first = items.pop(0)
print(items, last, first)
