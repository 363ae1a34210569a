def outer():
    items = [1]
    def grow(x):
        nonlocal items
        items = items + [x]
    grow(2)
    grow(3)
    return items

print(outer())
