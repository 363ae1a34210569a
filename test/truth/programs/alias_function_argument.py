def add_item(items, x):
    items.append(x)

data = [1]
add_item(data, 2)
add_item(data, 3)
print(data)
