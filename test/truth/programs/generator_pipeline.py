def numbers():
    for i in range(5):
        yield i

def doubled(src):
    for x in src:
        yield x * 2

print(list(doubled(numbers())))
