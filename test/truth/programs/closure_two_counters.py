def make_counter(start):
    count = start
    def step():
        nonlocal count
        count += 1
        return count
    return step

a = make_counter(0)
b = make_counter(100)
a()
b()
print(a(), b())
