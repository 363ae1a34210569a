def outer():
    items = []
    def add(x):
        items.append(x)
    add(1)
    add(2)
    count = len(items)
    return count

print(outer())
