log = []

def walk(n):
    for i in range(n):
        log.append(i)
        yield i

seen = log
for v in walk(3):
    pass
print(seen)
