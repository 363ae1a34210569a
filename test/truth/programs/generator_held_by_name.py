def letters():
    yield "a"
    yield "b"
    yield "c"

gen = letters()
first = next(gen)
second = next(gen)
print(first, second)
