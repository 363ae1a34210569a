def inner(n):
    for i in range(n):
        yield i

def outer():
    yield from inner(2)
    yield from inner(3)

print(list(outer()))
